// Mean-Field Explorer: small page helpers shared by the views (no model numbers here).

// Saves `blob` as a file called `name` (a temporary object URL and a clicked link).
export function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Shows a background job's progress: `fraction` in [0, 1] shows the bar (with a spoken
// percentage), null hides it; `text` goes to the status line.
export function showProgress({ job, bar, status }, fraction, text) {
  job.hidden = fraction === null;
  if (fraction !== null) {
    bar.value = fraction;
    bar.setAttribute('aria-valuetext', `${Math.round(100 * fraction)} %`);
  }
  status.textContent = text;
}
