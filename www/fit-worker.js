// Mean-Field Explorer: the refit's Web Worker. It owns a FitRunner (Rust), simulates the
// scenario's single cells point by point and reports progress about every 100 ms, then fits
// and posts the coefficient file. It computes nothing itself.

import init, { FitRunner } from '../pkg/meanfield_explorer.js';

const POST_EVERY_MS = 100;

let runner = null;
let job = 0;
let running = false;
const tick = new MessageChannel();

function fail(err) {
  running = false;
  self.postMessage({ type: 'error', job, message: err && err.message ? err.message : String(err) });
}

function pump() {
  if (!running || !runner) return;
  try {
    const t0 = performance.now();
    let done = false;
    while (!done && performance.now() - t0 < POST_EVERY_MS) done = runner.step(1);
    const progress = JSON.parse(runner.progress());
    if (done) {
      running = false;
      const text = runner.finish();
      self.postMessage({ type: 'done', job, key: runner.key(), text, progress });
    } else {
      self.postMessage({ type: 'progress', job, progress });
      tick.port2.postMessage(null);
    }
  } catch (err) {
    fail(err);
  }
}
tick.port1.onmessage = pump;

self.onmessage = (e) => {
  const m = e.data;
  try {
    if (m.type === 'start') {
      job = m.job;
      const error = runner.configure(m.query);
      if (error) {
        fail(new Error(error));
        return;
      }
      running = true;
      tick.port2.postMessage(null);
    } else if (m.type === 'cancel') {
      running = false;
    }
  } catch (err) {
    fail(err);
  }
};

init()
  .then(() => {
    runner = new FitRunner();
    self.postMessage({ type: 'ready' });
  })
  .catch((err) => self.postMessage({ type: 'error', job: -1, message: `the refit could not start: ${err.message || err}` }));
