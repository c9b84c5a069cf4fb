/*
 * Results on a map: every location the search found (all pages of the list), clustered, with
 * where the search starts and its radius.
 *
 * Progressive enhancement only. The list of results is the page; this script adds a map when
 * the page has a `[data-results-map]` container and Leaflet (with Leaflet.markercluster)
 * loaded. It fetches the container's `data-source`, the JSON of `search/map_data.py`:
 * `{origin: {lat, lng, label} | null, radius_km: number | null, locations: [{id, title, url,
 * lat, lng, position_rounded, place, price, availability: [{status, text}],
 * availability_current, confirmed}]}`.
 *
 * Markers and clusters stay out of the tab order (issue 14, item 10): the result list is the
 * accessible equivalent, and hundreds of markers would stand between a keyboard user and it.
 * Everything from the data is put in with textContent and DOM nodes, never as HTML (the public
 * pages' CSP also forbids inline scripts and styles).
 */
(function () {
    "use strict";

    // The tallest marker (41 px, anchored at its foot) keeps its head inside the map: more
    // room at the top than at the bottom when the map fits the results.
    var FIT_OPTIONS = {paddingTopLeft: [24, 48], paddingBottomRight: [24, 16], maxZoom: 16};

    function escapeHtml(text) {
        return String(text).replace(/[&<>"']/g, function (c) {
            return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
        });
    }

    function isHttpUrl(url) {
        return /^https?:\/\//i.test(url);
    }

    // Only same-site links: a location's URL comes from our own server, but never trust it
    // to be a javascript: URL.
    function isSafeLink(url) {
        url = String(url || "");
        return (url.charAt(0) === "/" && url.charAt(1) !== "/") || isHttpUrl(url);
    }

    function isPosition(lat, lng) {
        return (
            typeof lat === "number" && typeof lng === "number" &&
            isFinite(lat) && isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180
        );
    }

    function element(tag, className, text) {
        var node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text) {
            node.textContent = text;
        }
        return node;
    }

    function popupContent(location, labels) {
        var card = element("div", "map-popup");
        var heading = element("p", "map-popup-title");
        if (isSafeLink(location.url)) {
            var link = element("a", "", location.title);
            link.href = location.url;
            heading.appendChild(link);
        } else {
            heading.textContent = location.title;
        }
        card.appendChild(heading);
        if (location.place) {
            card.appendChild(element("p", "", location.place));
        }
        var facts = element("dl", "map-popup-facts");
        facts.appendChild(element("dt", "", labels.price));
        facts.appendChild(element("dd", "map-popup-price", location.price));
        facts.appendChild(element("dt", "", labels.availability));
        var availability = element("dd", "map-popup-availability");
        (location.availability || []).forEach(function (row, index) {
            if (index) {
                availability.appendChild(document.createTextNode("; "));
            }
            // The status is one of ours (free_now, free_from, full, unconfirmed): the colour.
            var status = /^[a-z_]+$/.test(row.status) ? row.status : "unconfirmed";
            availability.appendChild(element("span", "status status-" + status, row.text));
        });
        if (location.confirmed) {
            availability.appendChild(document.createTextNode(" "));
            availability.appendChild(element("span", "confirmed", "(" + location.confirmed + ")"));
        }
        facts.appendChild(availability);
        card.appendChild(facts);
        if (!location.availability_current) {
            card.appendChild(element("p", "unconfirmed-notice", labels.unconfirmed));
        }
        if (location.position_rounded && labels.rounded) {
            card.appendChild(element("p", "map-popup-note", labels.rounded));
        }
        return card;
    }

    function markerIcon(container) {
        // Explicit URLs: Leaflet's own guess from the CSS breaks on hashed static file names.
        var data = container.dataset;
        return L.icon({
            iconUrl: data.iconUrl,
            iconRetinaUrl: data.iconRetinaUrl,
            shadowUrl: data.shadowUrl,
            iconSize: [25, 41],
            iconAnchor: [12, 41],
            popupAnchor: [1, -34],
            shadowSize: [41, 41]
        });
    }

    function addTiles(map, container) {
        var tilesUrl = container.dataset.tilesUrl;
        if (tilesUrl && isHttpUrl(tilesUrl)) {
            var attribution = escapeHtml(container.dataset.attribution || "");
            var attributionUrl = container.dataset.attributionUrl;
            if (attribution && attributionUrl && isHttpUrl(attributionUrl)) {
                attribution = '<a href="' + escapeHtml(attributionUrl) + '">' + attribution + "</a>";
            }
            L.tileLayer(tilesUrl, {maxZoom: 19, attribution: attribution}).addTo(map);
        } else {
            // No tiles (tests, closed networks): the markers on a plain background.
            container.classList.add("no-tiles");
        }
    }

    function addOrigin(map, origin, radiusKm, labels, bounds) {
        var label = labels.origin + ": " + origin.label;
        // A marker of its own shape (search/map.css), above the locations' markers.
        L.marker([origin.lat, origin.lng], {
            keyboard: false,
            icon: L.divIcon({className: "map-origin", iconSize: [22, 22], iconAnchor: [11, 11]}),
            title: label,
            alt: label,
            zIndexOffset: 1000
        }).addTo(map);
        bounds.extend([origin.lat, origin.lng]);
        if (typeof radiusKm === "number" && radiusKm > 0) {
            L.circle([origin.lat, origin.lng], {
                radius: radiusKm * 1000,
                className: "map-radius",
                interactive: false
            }).addTo(map);
            // The whole circle in view: the parent sees how far the search reached.
            bounds.extend(L.latLng(origin.lat, origin.lng).toBounds(radiusKm * 2000));
        }
    }

    function showMap(container, data) {
        var labels = {
            price: container.dataset.labelPrice || "",
            availability: container.dataset.labelAvailability || "",
            unconfirmed: container.dataset.labelUnconfirmed || "",
            rounded: container.dataset.labelRounded || "",
            origin: container.dataset.labelOrigin || ""
        };
        var locations = (data.locations || []).filter(function (location) {
            return isPosition(location.lat, location.lng);
        });
        if (!locations.length) {
            return;
        }
        container.classList.add("is-active");
        container.setAttribute("role", "region");
        if (container.dataset.label) {
            container.setAttribute("aria-label", container.dataset.label);
        }
        // maxZoom on the map itself: the clusters need one, also without a tile layer.
        var map = L.map(container, {scrollWheelZoom: false, maxZoom: 19});
        addTiles(map, container);

        var icon = markerIcon(container);
        var bounds = L.latLngBounds([]);
        var markers = locations.map(function (location) {
            var marker = L.marker([location.lat, location.lng], {
                keyboard: false,
                icon: icon,
                title: location.title,
                alt: location.title
            });
            // Built when opened: a search may find thousands of locations.
            marker.bindPopup(function () {
                return popupContent(location, labels);
            });
            bounds.extend([location.lat, location.lng]);
            return marker;
        });
        var clusters = L.markerClusterGroup({
            showCoverageOnHover: false,
            maxClusterRadius: 50,
            chunkedLoading: true
        });
        clusters.addLayers(markers);

        var origin = data.origin;
        var showOrigin = !("withoutOrigin" in container.dataset);
        if (showOrigin && origin && isPosition(origin.lat, origin.lng)) {
            addOrigin(map, origin, data.radius_km, labels, bounds);
        }
        map.fitBounds(bounds, FIT_OPTIONS);
        map.addLayer(clusters);
        container.dataset.loaded = String(locations.length);
    }

    function init() {
        var container = document.querySelector("[data-results-map]");
        if (!container || typeof window.L === "undefined" || !L.markerClusterGroup) {
            return;
        }
        var source = container.dataset.source;
        if (!source || !isSafeLink(source) || isHttpUrl(source)) {
            return;
        }
        // Cluster icons are markers too: out of the tab order like the locations' own.
        L.MarkerCluster.mergeOptions({keyboard: false});
        fetch(source, {headers: {Accept: "application/json"}, credentials: "same-origin"})
            .then(function (response) {
                return response.ok ? response.json() : null;
            })
            .catch(function () {
                // No data (offline, a server error): no map, the list stays; nothing is lost.
                return null;
            })
            .then(function (data) {
                if (data) {
                    showMap(container, data);
                }
            });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
