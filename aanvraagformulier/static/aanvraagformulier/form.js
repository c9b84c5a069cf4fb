// Enhancement only: the form works without it. Moves focus to the error summary, so that
// screen reader and keyboard users land on the list of problems (GOV.UK pattern).
document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
        summary.focus();
    }
});
