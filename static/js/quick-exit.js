// "Leave this site quickly": replace this page in the tab's history so Back does not return to it.
// Without JavaScript the button is still an ordinary link to the same neutral page.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-quick-exit]");
  if (!link) {
    return;
  }
  event.preventDefault();
  window.location.replace(link.href);
});
