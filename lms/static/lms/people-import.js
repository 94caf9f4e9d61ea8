/* People import: poll the status and move the bar; reload when finished (the page also
   refreshes itself without JavaScript). */
(function () {
  "use strict";
  var box = document.getElementById("import-status");
  if (!box || box.getAttribute("data-finished") === "true") return;
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("[data-import-progress]");
  var text = box.querySelector("[data-import-progress-text]");
  var label = box.querySelector("[data-import-status-label]");

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (bar) bar.value = data.progress;
        if (text) text.textContent = data.progress + "%";
        if (label) label.textContent = data.status_label;
        if (data.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1500);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
