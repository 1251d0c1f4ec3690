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
