// Mean-Field Explorer: the page's side of the spiking network. It starts the worker, restarts
// it when a parameter that the network depends on changes (App.network_key), forwards the
// streamed pieces to the App (Rust) and shows the status the App reports. Play / pause / step /
// restart are plain messages to the worker.

const STEP_MS = 100; // model time per press of "Step"

export function startNetwork({ app, $, guarded, notice, requestDraw, onFinished }) {
  // `paused` is the user's choice (Pause, Step); a run that reaches its end is `done`, and a
  // parameter change then runs the new network unless the user had paused.
  const state = { worker: null, ready: false, generation: 0, key: null, paused: false, done: false };
  const playButton = $('net-play');
  // Out of sight (hidden tab, embedded frame scrolled away): pause without changing the user's
  // choice, and play on when visible again.
  const hiddenBy = new Set();

  const showStatus = guarded(() => {
    const s = JSON.parse(app.net_status());
    // The sentence comes from the App (the same words natively, tested there).
    const text = s.text;
    const box = $('net-status');
    box.textContent = text;
    Object.assign(box.dataset, {
      tMs: String(s.t_ms),
      speed: s.speed === null ? '' : String(s.speed),
      speedRun: s.speed_run === null ? '' : String(s.speed_run),
      nuE: s.nu_e === null ? '' : String(s.nu_e),
      nuI: s.nu_i === null ? '' : String(s.nu_i),
      spikes: String(s.spikes_shown),
      done: s.done ? '1' : '0',
      generation: String(s.generation),
      memoryMb: s.memory_mb === null ? '' : String(s.memory_mb),
      spikesE: String(s.spikes_e),
      spikesI: String(s.spikes_i),
      firstSpikes: JSON.stringify(s.first_spikes),
    });
    state.done = s.done;
    const running = !state.paused && !s.done && !s.error;
    playButton.textContent = running ? 'Pause' : 'Play';
    playButton.setAttribute('aria-pressed', running ? 'true' : 'false');
  });

  function send(message) {
    if (state.worker && state.ready) state.worker.postMessage(message);
  }

  // (Re)starts the network for the current scenario.
  const restart = guarded(() => {
    state.generation += 1;
    state.key = app.network_key();
    const error = app.net_restart(state.generation);
    if (!state.ready) state.restartWhenReady = true; // runs when the (new) worker is ready
    else if (!error) send({ type: 'configure', generation: state.generation, query: app.query(), play: !state.paused && hiddenBy.size === 0 });
    showStatus();
    requestDraw();
  });

  const onMessage = guarded((e) => {
    const m = e.data;
    if (m.type === 'ready') {
      state.ready = true;
      if (state.restartWhenReady) restart();
    } else if (m.type === 'chunk') {
      if (app.net_ingest(m.generation, m.data, m.wallMs)) {
        showStatus();
        requestDraw();
        // A finished run adds its mean rates to the analysis scan.
        if (m.done && onFinished) onFinished();
      }
    } else if (m.type === 'error') {
      if (m.generation === -1) notice(m.message, 'error');
      else if (m.panicked) {
        // The worker's module is unusable after a panic: replace the worker; Restart (or any
        // change of the network's parameters) runs the network again.
        app.net_fail(m.generation, `internal error (${m.message}); press Restart to run it again`);
        notice(`The network stopped with an internal error: ${m.message}. Press Restart to run it again; the mean field still works.`, 'error');
        state.worker.terminate();
        spawn(false);
        showStatus();
      } else {
        app.net_fail(m.generation, m.message);
        showStatus();
      }
    }
  });

  // Starts a worker; with `run`, the network restarts as soon as it is ready.
  function spawn(run = true) {
    state.ready = false;
    state.restartWhenReady = run;
    try {
      state.worker = new Worker(new URL('./network-worker.js', import.meta.url), { type: 'module' });
      state.worker.addEventListener('message', onMessage);
      state.worker.addEventListener('error', (e) => {
        notice(`The network worker failed: ${e.message || 'unknown error'}. The mean field still works.`, 'error');
      });
    } catch (err) {
      state.worker = null;
      notice(`The network cannot run in this browser (${err.message}). The mean field still works.`, 'error');
    }
  }
  spawn();

  playButton.addEventListener('click', () => {
    if (!state.paused && !state.done) {
      state.paused = true;
      send({ type: 'pause' });
    } else {
      state.paused = false;
      if (state.done) restart();
      else if (hiddenBy.size === 0) send({ type: 'play' });
    }
    showStatus();
  });
  $('net-step').addEventListener('click', () => {
    state.paused = true;
    send({ type: 'step', ms: STEP_MS });
    showStatus();
  });
  $('net-restart').addEventListener('click', () => restart());

  return {
    setVisible(reason, visible) {
      const before = hiddenBy.size > 0;
      if (visible) hiddenBy.delete(reason);
      else hiddenBy.add(reason);
      const after = hiddenBy.size > 0;
      if (before === after || state.paused || state.done) return;
      send({ type: after ? 'pause' : 'play' });
      $('net-status').dataset.hidden = after ? '1' : '0';
    },
    // Called after every scenario change: restart only if the network depends on it.
    changed() {
      if (app.network_key() !== state.key) restart();
    },
    // Diagnostic: makes the worker panic, to exercise the path above.
    simulatePanic() {
      send({ type: 'simulate-panic' });
    },
  };
}
