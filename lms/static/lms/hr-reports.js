/* HR reports: open and close department rows without reloading the page.
   Every toggle is a plain link that works without JavaScript; this only swaps the results. */
(function () {
  "use strict";

  function resultsUrlFor(link) {
    var report = link.closest("[data-sa-report]");
    var results = report && report.getAttribute("data-sa-results-url");
    if (!results) return null;
    return results + new URL(link.href, window.location.href).search;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-sa-tree-link]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    var url = resultsUrlFor(link);
    var container = document.getElementById("listing-results");
    if (!url || !container) return;
    event.preventDefault();
    var row = link.closest("tr");
    var departmentId = row && row.getAttribute("data-department");
    container.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        container.innerHTML = html;
        container.removeAttribute("aria-busy");
        window.history.pushState({}, "", link.href);
        var again = departmentId &&
          container.querySelector('tr[data-department="' + departmentId + '"] a.sa-toggle');
        if (again) again.focus();
      })
      .catch(function () {
        window.location.href = link.href;
      });
  });

  window.addEventListener("popstate", function () {
    window.location.reload();
  });
})();
