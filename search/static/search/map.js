/*
 * Results on a map: one marker per result, whose popup links to the fiche.
 *
 * Progressive enhancement only. The list of results is the page; this script adds a map when
 * the page has a `[data-results-map]` container and Leaflet loaded. Results are the elements
 * with `data-lat`, `data-lng`, `data-title` and `data-url`; the text of their `.result-summary`
 * elements goes into the popup. Everything from the page is put in with textContent and DOM
 * nodes, never as HTML (the public pages' CSP also forbids inline scripts and styles).
 */
(function () {
    "use strict";

    function escapeHtml(text) {
        return String(text).replace(/[&<>"']/g, function (c) {
            return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
        });
    }

    function isHttpUrl(url) {
        return /^https?:\/\//i.test(url);
    }

    // Only same-site links: a result's URL comes from our own templates, but never trust it
    // to be a javascript: URL.
    function isSafeLink(url) {
        return (url.charAt(0) === "/" && url.charAt(1) !== "/") || isHttpUrl(url);
    }

    function readResults(root) {
        var results = [];
        root.querySelectorAll("[data-lat][data-lng][data-title][data-url]").forEach(function (item) {
            var lat = parseFloat(item.dataset.lat);
            var lng = parseFloat(item.dataset.lng);
            if (!isFinite(lat) || !isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
                return;
            }
            var summaries = [];
            item.querySelectorAll(".result-summary").forEach(function (element) {
                var text = element.textContent.replace(/\s+/g, " ").trim();
                if (text) {
                    summaries.push(text);
                }
            });
            results.push({
                lat: lat,
                lng: lng,
                title: item.dataset.title,
                url: item.dataset.url,
                summaries: summaries
            });
        });
        return results;
    }

    function popupContent(result) {
        var card = document.createElement("div");
        card.className = "map-popup";
        var heading = document.createElement("p");
        heading.className = "map-popup-title";
        if (isSafeLink(result.url)) {
            var link = document.createElement("a");
            link.href = result.url;
            link.textContent = result.title;
            heading.appendChild(link);
        } else {
            heading.textContent = result.title;
        }
        card.appendChild(heading);
        result.summaries.forEach(function (text) {
            var line = document.createElement("p");
            line.textContent = text;
            card.appendChild(line);
        });
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

    function showMap(container) {
        var results = readResults(document);
        if (!results.length) {
            return;
        }
        container.classList.add("is-active");
        container.setAttribute("role", "region");
        if (container.dataset.label) {
            container.setAttribute("aria-label", container.dataset.label);
        }
        var map = L.map(container, {scrollWheelZoom: false});
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
        var icon = markerIcon(container);
        var points = [];
        results.forEach(function (result) {
            // Out of the tab order: the result list is the accessible equivalent, and twenty
            // markers would stand between a keyboard user and the list.
            var marker = L.marker([result.lat, result.lng], {
                keyboard: false,
                icon: icon,
                title: result.title,
                alt: result.title
            });
            marker.bindPopup(popupContent(result));
            marker.addTo(map);
            points.push([result.lat, result.lng]);
        });
        map.fitBounds(L.latLngBounds(points), {padding: [32, 32], maxZoom: 16});
    }

    function init() {
        var container = document.querySelector("[data-results-map]");
        if (!container || typeof window.L === "undefined") {
            return;
        }
        showMap(container);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
