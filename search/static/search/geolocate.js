// "Use my position": only offered when the browser can share it, and only on the parent's click.
(function () {
    "use strict";
    var button = document.querySelector("[data-geolocate]");
    if (!button || !("geolocation" in navigator)) {
        return;
    }
    var form = button.form;
    button.closest(".geolocate").hidden = false;
    button.addEventListener("click", function () {
        button.disabled = true;
        navigator.geolocation.getCurrentPosition(
            function (position) {
                form.elements.lat.value = position.coords.latitude.toFixed(5);
                form.elements.lng.value = position.coords.longitude.toFixed(5);
                form.elements.sorteer.value = "afstand";
                form.submit();
            },
            function () {
                button.disabled = false;
            },
            { timeout: 10000, maximumAge: 600000 }
        );
    });
})();
