// Mean-Field Explorer: the analysis worker. It owns an AnalysisRunner (Rust), computes one item
// at a time and posts progress and the partial result; the page cancels a job by ending this
// worker. It computes nothing itself.

import init, { AnalysisRunner, panic_message, simulatePanic } from '../pkg/meanfield_explorer.js';
import { errorReport } from './ui.js';

const POST_EVERY_MS = 150;
let runner = null;

self.onmessage = (e) => {
  const m = e.data;
  if (m.type !== 'start') return;
  try {
    if (m.simulatePanic) simulatePanic('analysis worker');
    const error = runner.configure(m.query, m.coeffs);
    if (error) {
      self.postMessage({ type: 'error', job: m.job, message: error });
      return;
    }
    let last = performance.now();
    let done = false;
    while (!done) {
      done = runner.step(1);
      const now = performance.now();
      if (done || now - last > POST_EVERY_MS) {
        last = now;
        self.postMessage({ type: done ? 'done' : 'progress', job: m.job, progress: JSON.parse(runner.progress()), result: runner.result() });
      }
    }
  } catch (err) {
    self.postMessage({ type: 'error', job: m.job, ...errorReport(err, runner && panic_message) });
  }
};

init()
  .then(() => {
    runner = new AnalysisRunner();
    self.postMessage({ type: 'ready' });
  })
  .catch((err) => self.postMessage({ type: 'error', job: -1, message: `the analysis could not start: ${err.message || err}` }));
