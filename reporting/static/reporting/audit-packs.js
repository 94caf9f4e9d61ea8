/* Audit packs: poll each pack being built, move its bar, and reload the page when one is
   finished (so its download link appears). Without JavaScript the page refreshes itself. */
(function () {
  "use strict";
  var rows = Array.prototype.filter.call(
    document.querySelectorAll("[data-audit-pack]"),
    function (row) { return row.getAttribute("data-finished") !== "true"; }
  );
  if (!rows.length) return;

  function poll(row) {
    var url = row.getAttribute("data-status-url");
    var bar = row.querySelector("[data-pack-progress]");
    var text = row.querySelector("[data-pack-progress-text]");
    var label = row.querySelector("[data-pack-status-label]");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.finished) {
          window.location.reload();
          return;
        }
        if (bar) {
          bar.max = Math.max(data.total, 1);
          bar.value = data.done;
          bar.textContent = data.percent + "%";
        }
        if (text) text.textContent = data.progress_text;
        if (label) label.textContent = data.status_label;
        window.setTimeout(function () { poll(row); }, 1500);
      })
      .catch(function () { window.setTimeout(function () { poll(row); }, 5000); });
  }
  rows.forEach(function (row) { window.setTimeout(function () { poll(row); }, 1000); });
})();
