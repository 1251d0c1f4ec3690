// Reading page: once the end of the text is on screen, tell the server (it records the time) and
// show the acknowledge form. Without this script, the "I have read the text to the end" button does the same.
(function () {
  "use strict";
  var marker = document.getElementById("end-of-text");
  var section = document.getElementById("acknowledge");
  if (!marker || !section || !section.hidden || !("IntersectionObserver" in window)) return;
  var tokenInput = document.querySelector("#end-reached-form input[name=csrfmiddlewaretoken]");
  var sent = false;
  function reveal() {
    section.hidden = false;
    var fallback = document.getElementById("end-reached-form");
    if (fallback) fallback.hidden = true;
    var status = document.getElementById("reading-status");
    if (status) status.textContent = section.getAttribute("data-reached-message");
  }
  var observer = new IntersectionObserver(function (entries) {
    if (sent || !entries.some(function (e) { return e.isIntersecting; })) return;
    sent = true;
    fetch(marker.getAttribute("data-beacon"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": tokenInput ? tokenInput.value : "", "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (response.ok) { reveal(); observer.disconnect(); } else { sent = false; }
    }).catch(function () { sent = false; });
  });
  observer.observe(marker);
})();

// Reading page: the minimum reading time counts down next to the form; until it has passed, the
// button says it is not available yet and submitting tells the reader to wait instead of sending.
// Without this script the server refuses an early signature and gives the form back as it was typed.
(function () {
  "use strict";
  var timer = document.getElementById("reading-countdown");
  var form = document.getElementById("acknowledge-form");
  if (!timer || !form) return;
  var value = timer.querySelector(".countdown-value");
  var button = form.querySelector("button[type=submit]");
  var status = document.getElementById("reading-status");
  var deadline = Date.now() + (parseInt(timer.getAttribute("data-seconds-left"), 10) || 0) * 1000;
  var interval = null;
  function remaining() { return Math.max(0, Math.ceil((deadline - Date.now()) / 1000)); }
  function tick() {
    var left = remaining();
    if (left > 0) {
      if (value) value.textContent = String(left);
      return;
    }
    if (interval !== null) clearInterval(interval);
    var done = timer.getAttribute("data-done-message");
    timer.textContent = done;
    timer.classList.remove("countdown-attention");
    if (button) button.removeAttribute("aria-disabled");
    if (status) status.textContent = done;
  }
  if (button) button.setAttribute("aria-disabled", "true");
  form.addEventListener("submit", function (event) {
    if (remaining() === 0) return;
    event.preventDefault();
    timer.classList.add("countdown-attention");
    if (status) status.textContent = timer.getAttribute("data-wait-message");
  });
  tick();
  if (remaining() > 0) interval = setInterval(tick, 1000);
})();
