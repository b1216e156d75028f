// Mean-Field Explorer: small helpers shared by the views and the workers (no model numbers here;
// nothing touches the page until called, so workers import this file too).

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

// What a worker reports when a call into its wasm module threw: a Rust panic (the module is then
// unusable, and the page replaces the worker) or a plain error. `panicMessage` is the module's
// panic_message, null before the module is loaded.
export function errorReport(err, panicMessage) {
  const panic = panicMessage ? panicMessage() : undefined;
  return { message: panic || (err && err.message ? err.message : String(err)), panicked: Boolean(panic) };
}
