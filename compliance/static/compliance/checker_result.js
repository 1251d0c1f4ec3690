// Checker page: once a check asked for with the Check button (or an example) comes back, the result gets
// the focus and is scrolled into view, so that on a phone it is not left below the form. Checks that
// run while the person types (htmx's "input changed") leave the focus in the box.
// Without JavaScript the form posts to "#result" and the browser scrolls there itself.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    var result = event.detail && event.detail.target;
    if (!result || result.id !== "result") return;
    var config = event.detail.requestConfig;
    var trigger = config && config.triggeringEvent;
    if (!trigger || trigger.type !== "submit") return;
    result.focus({ preventScroll: true });
    result.scrollIntoView({ block: "start" });
  });
})();
