// The page's only script: the print button of a letter (no inline script is allowed).
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("print");
  if (button) button.addEventListener("click", function () { window.print(); });
});
