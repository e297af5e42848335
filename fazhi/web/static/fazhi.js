/* fazhi: the little behaviour pages need, as a static file (the Content-Security-Policy allows no inline script). */
document.addEventListener("change", function (event) {
  /* <select data-submit-on-change>: choosing a value submits its form (e.g. the portal's year). */
  var field = event.target;
  if (field.matches && field.matches("[data-submit-on-change]") && field.form) {
    field.form.submit();
  }
});
