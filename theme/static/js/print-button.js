/* The application form's print button: shown only when JS can print; Ctrl+P works without it. */
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (!button || !window.print) { return; }
  button.addEventListener("click", function () { window.print(); });
  button.hidden = false;
})();
