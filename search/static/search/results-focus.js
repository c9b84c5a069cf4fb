/*
 * After a search the page loads anew with the focus at the top: a keyboard or screen reader
 * user then needs about a hundred Tabs to reach the first result. When the page shows a
 * search (its address has a query), put the focus on the results heading, which says how
 * many were found. Without JavaScript the "Skip to the results" link does the same.
 */
(function () {
    "use strict";

    function focusResults() {
        if (!window.location.search) {
            return;
        }
        var heading = document.getElementById("results-title");
        if (heading) {
            heading.focus();
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", focusResults);
    } else {
        focusResults();
    }
})();
