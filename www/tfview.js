// Mean-Field Explorer: the transfer-function view and the page's refit. Rust draws the fitted
// curves over the single-neuron simulations (App.draw_tf) and decides when a refit is needed
// (App.fit_key: the scenario says coeffs=refit and no refit matches its cells); this file runs
// the worker, shows its progress and hands the finished file to the App.

import { download, showProgress } from './ui.js';

export function startTfView({ app, $, guarded, notice, scheduleUpdate, setParam }) {
  const state = { worker: null, ready: false, job: 0, key: '', running: false, t0: 0, pendingStart: false };
  const cellSelect = $('tf-cell');
  const wSelect = $('tf-w');
  const box = $('tf-status');

  const draw = guarded(() => {
    const info = JSON.parse(app.tf_info(cellSelect.value));
    const previous = Number(wSelect.value);
    const options = info.w_values.map((w) => String(w));
    if (options.join(',') !== Array.from(wSelect.options, (o) => o.value).join(',')) {
      wSelect.replaceChildren(...info.w_values.map((w) => {
        const o = document.createElement('option');
        o.value = String(w);
        o.textContent = `${w} pA`;
        return o;
      }));
      const keep = info.w_values.includes(previous) ? previous : info.w_values[0];
      wSelect.value = String(keep);
    }
    wSelect.disabled = info.w_values.length < 2;
    const t0 = performance.now();
    app.draw_tf($('plot-tf-rate'), $('plot-tf-v'), cellSelect.value, Number(wSelect.value));
    const fmt = (x) => (x === null || x === undefined ? '–' : Number(x.toPrecision(3)).toString());
    const fit = info.rms_hz === null ? 'This set records no fit residuals.'
      : `Fit: rate error ${fmt(info.rms_hz)} Hz RMS (the simulations' own noise: ${fmt(info.noise_rms_hz)} Hz), threshold step ${fmt(info.threshold_rms_mv)} mV RMS.`;
    $('tf-caption').textContent = `${info.name} cell, coefficients "${info.set}". ${fit} ${info.caption}`;
    Object.assign($('tf-caption').dataset, { set: info.set, points: String(info.points), drawMs: (performance.now() - t0).toFixed(2) });
  });

  const showJob = (text, fraction) => showProgress({ job: $('tf-job'), bar: $('tf-progress'), status: box }, fraction, text);

  function start(key) {
    if (!state.ready) {
      state.pendingStart = true;
      return;
    }
    state.key = key;
    state.job += 1;
    state.running = true;
    state.t0 = performance.now();
    box.dataset.done = '0';
    state.worker.postMessage({ type: 'start', job: state.job, query: app.query() });
    showJob('Refitting: simulating single neurons of the cells as set here…', 0);
  }

  const onMessage = guarded((e) => {
    const m = e.data;
    if (m.type === 'ready') {
      state.ready = true;
      if (state.pendingStart) {
        state.pendingStart = false;
        changed();
      }
      return;
    }
    if (m.job !== state.job && m.job !== -1) return; // an older job
    if (m.type === 'progress') {
      const p = m.progress;
      const fraction = p.rows_total ? p.rows_done / p.rows_total : 0;
      showJob(`Refitting: row ${p.rows_done} of ${p.rows_total}, ${p.points} neurons simulated…`, fraction);
    } else if (m.type === 'done') {
      state.running = false;
      const seconds = (performance.now() - state.t0) / 1000;
      if (app.load_refit(m.key, m.text)) {
        showJob(`Refit done in ${seconds.toFixed(1)} s (${m.progress.points} neurons simulated); the mean field now uses it.`, null);
        Object.assign(box.dataset, { done: '1', seconds: seconds.toFixed(2) });
        scheduleUpdate();
      }
    } else if (m.type === 'error') {
      state.running = false;
      state.key = '';
      showJob(`The refit failed: ${m.message}`, null);
      notice(`The refit failed: ${m.message}. The mean field keeps the default coefficients.`, 'error');
    }
  });

  try {
    state.worker = new Worker(new URL('./fit-worker.js', import.meta.url), { type: 'module' });
    state.worker.addEventListener('message', onMessage);
    state.worker.addEventListener('error', (e) => notice(`The refit worker failed: ${e.message || 'unknown error'}.`, 'error'));
  } catch (err) {
    notice(`Refitting cannot run in this browser (${err.message}).`, 'error');
  }

  cellSelect.addEventListener('change', draw);
  wSelect.addEventListener('change', draw);
  $('tf-refit').addEventListener('click', () => setParam('coeffs', 'refit'));
  $('tf-download').addEventListener('click', guarded(() => {
    const text = app.coefficients_json();
    const id = JSON.parse(text).id || 'coefficients';
    download(`${id}.json`, new Blob([text], { type: 'application/json' }));
  }));

  // Called after every scenario change.
  function changed() {
    const key = app.fit_key();
    if (key && key !== state.key) start(key);
    if (!key && state.running) {
      state.worker.postMessage({ type: 'cancel' });
      state.running = false;
      state.key = '';
      showJob('Refit cancelled: the coefficient set was changed.', null);
    }
    if (!key && !state.running) state.key = '';
    draw();
  }

  return { changed, draw };
}
