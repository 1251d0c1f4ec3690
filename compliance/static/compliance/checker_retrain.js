// Context page: while the checker's model is being adapted, follow the training's progress (the bar and the
// message, read out politely by screen readers). When it ends, say so and point to the refresh link, which
// shows the result. Without this script, the refresh link does the same by hand.
(function () {
  "use strict";
  var box = document.querySelector("[data-retrain-status-url]");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-retrain-status-url");
  var bar = box.querySelector("progress");
  var message = box.querySelector("[data-retrain-message]");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        bar.value = data.progress;
        bar.textContent = data.progress + " %";
        message.textContent = data.progress + " % — " + data.message + (data.running ? "" : " (" + data.status_label + ")");
        if (data.running) window.setTimeout(poll, 3000);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 3000);
})();
