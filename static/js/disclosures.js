// Escape folds an open menu or filter list again and puts focus back on its summary, as people expect of a
// menu button. Everything still works without this file: the summary opens and closes them.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") {
    return;
  }
  var open = event.target.closest && event.target.closest("details[data-closes-on-escape][open]");
  if (!open) {
    return;
  }
  open.open = false;
  open.querySelector("summary").focus();
});
