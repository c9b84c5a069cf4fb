// Print the answers of closed FAQ questions too: open every closed <details> before printing
// and close those again afterwards. The print stylesheet does the same with ::details-content
// where the browser knows it; this covers the others (and Ctrl+P in any browser).
(function () {
    "use strict";
    var opened = [];
    window.addEventListener("beforeprint", function () {
        document.querySelectorAll("details:not([open])").forEach(function (details) {
            details.open = true;
            opened.push(details);
        });
    });
    window.addEventListener("afterprint", function () {
        opened.forEach(function (details) {
            details.open = false;
        });
        opened = [];
    });
})();
