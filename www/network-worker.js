// Mean-Field Explorer: the spiking network's Web Worker. It owns a NetworkRunner (Rust) and
// simulates in slices, posting what it recorded about every 30 ms of wall time, so the page
// stays responsive and the raster fills in as the network runs. It computes nothing itself.

import init, { NetworkRunner, panic_message, simulatePanic } from '../pkg/meanfield_explorer.js';
import { errorReport } from './ui.js';

const SLICE_MS = 5; // model time per run_for call
const POST_EVERY_MS = 30; // wall time between posts while playing

let runner = null;
let generation = 0;
let playing = false;
let scheduled = false;
const tick = new MessageChannel();

function post(wallMs) {
  const data = new Float64Array(runner.take_chunk());
  self.postMessage({ type: 'chunk', generation, data, wallMs, done: runner.done() }, [data.buffer]);
}

function fail(err) {
  playing = false;
  self.postMessage({ type: 'error', generation, ...errorReport(err, runner && panic_message) });
}

function pump() {
  scheduled = false;
  if (!playing || !runner) return;
  try {
    const t0 = performance.now();
    while (!runner.done() && performance.now() - t0 < POST_EVERY_MS) runner.run_for(SLICE_MS);
    post(performance.now() - t0);
    if (runner.done()) playing = false;
  } catch (err) {
    fail(err);
    return;
  }
  schedule();
}

// Yield to the message queue between slices (a MessageChannel task, not a clamped setTimeout).
function schedule() {
  if (playing && !scheduled) {
    scheduled = true;
    tick.port2.postMessage(null);
  }
}
tick.port1.onmessage = pump;

self.onmessage = (e) => {
  const m = e.data;
  try {
    if (m.type === 'configure') {
      generation = m.generation;
      const error = runner.configure(m.query);
      if (error) {
        fail(new Error(error));
        return;
      }
      post(0);
      playing = m.play;
      schedule();
    } else if (m.type === 'play') {
      playing = true;
      schedule();
    } else if (m.type === 'pause') {
      playing = false;
    } else if (m.type === 'simulate-panic') {
      simulatePanic('network worker');
    } else if (m.type === 'step') {
      playing = false;
      const t0 = performance.now();
      runner.run_for(m.ms);
      post(performance.now() - t0);
    }
  } catch (err) {
    fail(err);
  }
};

init()
  .then(() => {
    runner = new NetworkRunner();
    self.postMessage({ type: 'ready' });
  })
  .catch((err) => self.postMessage({ type: 'error', generation: -1, message: `the network could not start: ${err.message || err}` }));
