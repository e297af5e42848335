/* fazhi: the little behaviour pages need, as a static file (the Content-Security-Policy allows no inline script). */
document.addEventListener("change", function (event) {
  /* <select data-submit-on-change>: choosing a value submits its form (e.g. the portal's year). */
  var field = event.target;
  if (field.matches && field.matches("[data-submit-on-change]") && field.form) {
    field.form.submit();
  }
});

/* Type-ahead (fazhi/web/lookup.py): typing in a search box fills the select it stands for with the matches. */
(function () {
  var timers = {};
  function show(select, status, data) {
    var chosen = select.value;
    Array.prototype.slice.call(select.options).forEach(function (option) {
      if (option.value !== "" && option.value !== chosen) { option.remove(); }
    });
    data.results.forEach(function (result) {
      if (result.value === chosen) { return; }
      var option = document.createElement("option");
      option.value = result.value;
      option.textContent = result.label;
      select.appendChild(option);
    });
    if (status) {
      status.textContent = data.results.length === 0 ? select.getAttribute("data-lookup-none") :
        (data.more ? select.getAttribute("data-lookup-more") : "");
    }
    if (data.results.length === 1 && !chosen) { select.value = data.results[0].value; }
  }
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("[data-lookup-for]")) { return; }
    var select = document.getElementById(box.getAttribute("data-lookup-for"));
    var status = document.getElementById(box.getAttribute("data-lookup-for") + "-lookup-status");
    var query = box.value.trim();
    clearTimeout(timers[select.id]);
    if (!query) { return; }
    timers[select.id] = setTimeout(function () {
      fetch(select.getAttribute("data-lookup") + "?q=" + encodeURIComponent(query),
            {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.json(); })
        .then(function (data) { if (box.value.trim() === query) { show(select, status, data); } });
    }, 250);
  });
})();
