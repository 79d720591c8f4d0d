// The import's progress, updated in place; when the step ends the page reloads to show its report.
// Without JavaScript the page refreshes itself instead (the <noscript> refresh in its head).
(() => {
  const box = document.querySelector("[data-import-progress]");
  if (!box) return;
  const text = box.querySelector("[data-progress-text]");
  const bar = box.querySelector("progress");
  const check = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
      const status = await response.json();
      if (!status.running) {
        window.location.reload();
        return;
      }
      if (status.total) {
        bar.max = status.total;
        bar.value = status.done;
        text.textContent = `${status.state}: ${status.done} of ${status.total} items`;
      }
    } catch {
      // A missed check is retried on the next one.
    }
    window.setTimeout(check, 1000);
  };
  window.setTimeout(check, 1000);
})();
