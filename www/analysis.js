// Mean-Field Explorer: the analysis view. Rust decides what is computed (App.analysis_request),
// computes it in a worker (AnalysisRunner) and draws it (App.draw_analysis); this file starts
// and cancels the worker, shows its progress and hands the result to the App. A scenario
// change restarts the job after a short pause, so sliders stay responsive.

import { showProgress } from './ui.js';

const DEBOUNCE_MS = 250;

export function startAnalysis({ app, $, el, guarded, notice, setParam }) {
  const state = { worker: null, ready: false, job: 0, key: '', completeKey: '', running: false, timer: 0, t0: 0 };
  const status = $('analysis-status');

  const draw = guarded(() => {
    if ($('analysis-section').hidden) return;
    app.draw_analysis($('plot-analysis'));
    const text = app.analysis_summary();
    $('analysis-summary').textContent = text;
    $('plot-analysis').setAttribute('aria-label', `Analysis plot. ${text}`);
    showPoints();
  });

  // A bifurcation diagram's special points as buttons that set the parameter there (the
  // keyboard's way to what a click on the diagram does).
  function showPoints() {
    const points = JSON.parse(app.diagram_points());
    const box = $('analysis-points');
    const plot = $('plot-analysis');
    plot.classList.toggle('pickable', /^(bifurcation|two_parameter) /.test(app.analysis_held_key()));
    const ids = points.map((p) => p.text).join('|');
    if (box.dataset.ids === ids) return;
    box.dataset.ids = ids;
    box.hidden = points.length === 0;
    box.replaceChildren(
      ...(points.length ? [el('span', { text: 'Set the parameter at: ' })] : []),
      ...points.map((p) => {
        const b = el('button', { type: 'button', text: p.text });
        b.addEventListener('click', () => {
          setParam(p.key, String(p.value));
          if (p.key2) setParam(p.key2, String(p.value2));
        });
        return b;
      }),
    );
  }

  // A click on the diagram sets its parameter there; both models rerun and the link updates.
  $('plot-analysis').addEventListener('click', guarded((e) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const pick = JSON.parse(app.diagram_pick(e.clientX - rect.left, e.clientY - rect.top));
    if (pick.key) setParam(pick.key, String(pick.value));
    if (pick.key2) setParam(pick.key2, String(pick.value2));
  }));

  const showJob = (fraction, text) => showProgress({ job: $('analysis-job'), bar: $('analysis-progress'), status }, fraction, text);

  function spawn() {
    state.ready = false;
    state.worker = new Worker(new URL('./analysis-worker.js', import.meta.url), { type: 'module' });
    state.worker.addEventListener('message', onMessage);
    state.worker.addEventListener('error', (e) => notice(`The analysis worker failed: ${e.message || 'unknown error'}.`, 'error'));
  }

  const start = guarded(() => {
    const req = JSON.parse(app.analysis_request());
    if (req.error) {
      showJob(null, req.error);
      return;
    }
    if (state.running && req.key === state.key) return;
    if (upToDate(req.key)) {
      draw();
      showJob(null, 'Up to date: the plot shows the analysis of the parameters as they are.');
      return;
    }
    if (state.running) cancel(false);
    if (!state.ready) {
      state.pending = true;
      return;
    }
    state.job += 1;
    state.key = req.key;
    state.running = true;
    state.t0 = performance.now();
    status.dataset.done = '0';
    $('analysis-cancel').disabled = false;
    state.worker.postMessage({ type: 'start', job: state.job, query: req.query, coeffs: req.coeffs });
    showJob(0, 'Computing…');
  });

  // Whether the held result is the finished analysis of `key` (a cancelled job leaves a
  // partial one under the same key, which Compute must finish).
  const upToDate = (key) => !state.running && key === app.analysis_held_key() && key === state.completeKey;

  function cancel(report = true) {
    if (!state.running) return;
    state.running = false;
    state.worker.terminate();
    spawn();
    $('analysis-cancel').disabled = true;
    if (report) showJob(null, 'Cancelled: the plot shows what was computed before. Change a parameter or press Compute to start again.');
  }

  const onMessage = guarded((e) => {
    const m = e.data;
    if (m.type === 'ready') {
      state.ready = true;
      if (state.pending) {
        state.pending = false;
        start();
      }
      return;
    }
    if (m.job !== state.job) return;
    if (m.type === 'error') {
      state.running = false;
      $('analysis-cancel').disabled = true;
      if (m.panicked) {
        // The worker's module is unusable after a panic: replace the worker.
        state.worker.terminate();
        spawn();
        showJob(null, `The analysis stopped with an internal error (${m.message}). Its worker was restarted; press Compute to try again.`);
        notice(`The analysis stopped with an internal error: ${m.message}. Its worker was restarted.`, 'error');
      } else {
        showJob(null, `The analysis could not run: ${m.message}`);
      }
      return;
    }
    app.load_analysis(state.key, m.result);
    draw();
    const { done, total } = m.progress;
    if (m.type === 'done') {
      state.running = false;
      state.completeKey = state.key;
      $('analysis-cancel').disabled = true;
      const seconds = (performance.now() - state.t0) / 1000;
      Object.assign(status.dataset, { done: '1', seconds: String(seconds), points: String(total) });
      showJob(null, `Computed ${total} point${total === 1 ? '' : 's'} in ${seconds.toFixed(2)} s.`);
    } else {
      showJob(done / total, `Computing: ${done} of ${total}…`);
    }
  });

  spawn();
  $('analysis-cancel').addEventListener('click', () => cancel(true));
  $('analysis-compute').addEventListener('click', () => {
    clearTimeout(state.timer);
    start();
  });

  return {
    // After a scenario change: recompute (debounced) when the analysis needs it.
    changed() {
      if ($('analysis-section').hidden) return;
      clearTimeout(state.timer);
      if (upToDate(app.analysis_key())) {
        draw();
        return;
      }
      state.timer = setTimeout(start, DEBOUNCE_MS);
    },
    draw,
    // Diagnostic: makes the worker panic, to exercise the path above.
    simulatePanic() {
      if (!state.ready) return;
      if (state.running) cancel(false);
      state.job += 1;
      state.key = '';
      state.running = true;
      state.worker.postMessage({ type: 'start', job: state.job, simulatePanic: true });
    },
  };
}
