// Mean-Field Explorer: the JS shell. It builds the controls from the schema that Rust hands it,
// keeps the URL in step with the scenario and asks Rust to run and draw. It computes no model
// numbers itself, and puts no user-supplied text into the page as markup (textContent only).

import init, { App, panic_message, simulatePanic, wasmMemoryBytes } from '../pkg/meanfield_explorer.js';
import { startNetwork } from './network.js';
import { startTfView } from './tfview.js';
import { startAnalysis } from './analysis.js';
import { startSharing } from './share.js';
import { startLessons } from './lesson.js';

const $ = (id) => document.getElementById(id);
// The time figures' canvases (`plot-<id>`), made from the model's figure list (syncFigures),
// those on screen (the embed shows the main figure alone).
const canvases = () => [...document.querySelectorAll('#main-figure canvas, #time-figures canvas')].filter((c) => c.clientWidth > 0);

let app = null;
let network = null;
let tfView = null;
let analysis = null;
let lessons = null;
const startParams = new URLSearchParams(location.search); // before the URL is rewritten
const embedded = startParams.get('embed') === '1';
let pending = false;
let drawPending = false;
let dead = false;

function el(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

// ---- notices ---------------------------------------------------------------------------------

function notice(message, kind = 'warning') {
  const close = el('button', { type: 'button', text: '×', 'aria-label': 'Dismiss' });
  const item = el('div', { class: kind === 'error' ? 'notice error' : 'notice' }, [el('span', { text: message }), close]);
  close.addEventListener('click', () => item.remove());
  $('notices').append(item);
}

function fatal(err, what = 'The model stopped with an internal error') {
  if (dead) return;
  dead = true;
  const detail = (app && panic_message()) || (err && err.message) || String(err);
  $('fatal-text').textContent = `${what}: ${detail}`;
  $('fatal').hidden = false;
  console.error(err);
}

function guarded(fn) {
  return (...args) => {
    if (dead) return undefined;
    try {
      return fn(...args);
    } catch (err) {
      // A panic in Rust leaves a message; anything else is a plain error.
      if (panic_message()) fatal(err);
      else notice(err.message || String(err), 'error');
      return undefined;
    }
  };
}

// ---- controls --------------------------------------------------------------------------------

const inputs = new Map(); // key -> [{row, number, range, select, note, spec}] (main form, lesson sliders)
const SELECT_PAUSE_MS = 700; // a keyboard-browsed select commits after this pause
const EMBED_DEFAULT_SLIDERS = 4; // an embed without a lesson or `controls=` shows this many key parameters

function fmtValue(spec, v) {
  return spec.unit ? `${v} ${spec.unit}` : `${v}`;
}

// One control for `spec`: a select for a choice, a slider and a number box otherwise. `prefix`
// keeps the ids of a second control of the same key (the lesson's sliders) apart; `label` is
// the text shown (the full name of a key parameter, else the schema's short label).
function makeControl(spec, { prefix = '', label = spec.label } = {}) {
  const id = `${prefix}in-${spec.key}`;
  const labelText = spec.unit ? [label, ' ', el('span', { class: 'unit', text: `(${spec.unit})` })] : [label];
  const labelEl = el('label', { for: id, title: spec.doc }, labelText);
  const row = el('div', { class: spec.kind === 'choice' ? 'param choice' : 'param', 'data-key': spec.key, title: spec.doc });
  const entry = { row, spec };
  if (spec.kind === 'choice') {
    const select = el('select', { id, name: `${prefix}${spec.key}` });
    for (const o of spec.options) select.append(el('option', { value: o.value, text: o.label }));
    // A change by mouse or touch commits at once; by keyboard (arrows, type-ahead) it commits
    // on Enter, on leaving the select, or after a pause, so stepping through the options does
    // not recompute (and restart the network) at every press.
    let timer = 0;
    const commit = () => {
      clearTimeout(timer);
      delete select.dataset.keyed;
      if (select.value !== select.dataset.committed) setParam(spec.key, select.value);
    };
    select.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') commit();
      else if (e.key.startsWith('Arrow') || ['PageUp', 'PageDown', 'Home', 'End'].includes(e.key) || e.key.length === 1) select.dataset.keyed = '1';
    });
    select.addEventListener('change', () => {
      if (select.dataset.keyed !== '1') {
        commit();
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(commit, SELECT_PAUSE_MS);
    });
    select.addEventListener('blur', () => {
      if (select.dataset.keyed === '1') commit();
    });
    row.append(labelEl, select);
    entry.select = select;
  } else {
    const range = el('input', { type: 'range', id: `${prefix}range-${spec.key}`, min: String(spec.min), max: String(spec.max), step: String(spec.step), 'aria-label': `${label} slider` });
    const number = el('input', { type: 'number', id, name: `${prefix}${spec.key}`, min: String(spec.min), max: String(spec.max), step: 'any', inputmode: 'decimal' });
    range.addEventListener('input', () => {
      number.value = range.value;
      setParam(spec.key, range.value);
    });
    number.addEventListener('change', () => setParam(spec.key, number.value));
    row.append(labelEl, range, number);
    Object.assign(entry, { range, number });
  }
  entry.note = el('p', { class: 'param-note', id: `${prefix}note-${spec.key}`, role: 'status' });
  entry.note.hidden = true;
  row.append(entry.note);
  if (!inputs.has(spec.key)) inputs.set(spec.key, []);
  inputs.get(spec.key).push(entry);
  return row;
}

const schema = () => JSON.parse(app.describe()).params;
let builtFor = null; // the model the parameter form was built for

// The parameter form for the current model: the model and its key parameters (the few a
// course moves, full names, its own cells first), then "Advanced" with every other key, its
// own groups first. The analysis settings go beside the analysis plot.
function buildControls() {
  const m = JSON.parse(app.model_info());
  const focused = document.activeElement && document.activeElement.id;
  const advancedOpen = Boolean($('advanced') && $('advanced').open); // kept across models
  const form = $('controls');
  const analysisForm = $('analysis-controls');
  form.replaceChildren();
  analysisForm.replaceChildren();
  for (const [key, list] of inputs) {
    const kept = list.filter((c) => c.row.closest('#lesson-controls'));
    if (kept.length) inputs.set(key, kept);
    else inputs.delete(key);
  }
  for (const f of [form, analysisForm]) f.onsubmit = (e) => e.preventDefault();
  const params = schema();
  const byKey = new Map(params.map((p) => [p.key, p]));
  const course = new Map(m.course.map((c) => [c.key, c.label]));
  const key = el('fieldset', { class: 'key-params' }, [el('legend', { text: 'Model and key parameters' })]);
  key.append(makeControl(byKey.get('model'), { label: 'Model' }));
  for (const c of m.course) if (byKey.has(c.key)) key.append(makeControl(byKey.get(c.key), { label: c.label }));
  const others = params.filter((p) => p.key !== 'model' && !course.has(p.key) && p.group !== 'Lesson' && p.group !== 'Analysis');
  const advanced = el('details', { class: 'advanced', id: 'advanced' }, [el('summary', { text: `Advanced: every other parameter (${others.filter((p) => p.relevant).length})` })]);
  for (const group of m.groups) {
    const rows = others.filter((p) => p.group === group);
    if (!rows.length) continue;
    advanced.append(el('fieldset', {}, [el('legend', { text: group }), ...rows.map((p) => makeControl(p))]));
  }
  advanced.open = advancedOpen;
  form.append(key, advanced);
  const analysisRows = params.filter((p) => p.group === 'Analysis');
  if (analysisRows.length) analysisForm.append(el('fieldset', {}, [el('legend', { text: 'Analysis' }), ...analysisRows.map((p) => makeControl(p))]));
  builtFor = m.model;
  syncControls();
  if (focused && $(focused) && document.activeElement !== $(focused)) $(focused).focus();
}

// The lesson's sliders (in the lesson panel, and the embed's): `keys` of the current model.
let sliderKeys = '';
function setSliders(keys) {
  const box = $('lesson-controls');
  const m = JSON.parse(app.model_info());
  const course = new Map(m.course.map((c) => [c.key, c.label]));
  const byKey = new Map(schema().map((p) => [p.key, p]));
  const wanted = (keys || []).filter((k) => byKey.has(k) && byKey.get(k).group !== 'Lesson');
  const id = `${m.model}:${wanted.join(',')}`;
  if (id === sliderKeys) return;
  sliderKeys = id;
  for (const [key, list] of inputs) inputs.set(key, list.filter((c) => !c.row.closest('#lesson-controls')));
  box.replaceChildren(...wanted.map((k) => makeControl(byKey.get(k), { prefix: 'lc-', label: course.get(k) || labelWithGroup(byKey.get(k)) })));
  box.hidden = wanted.length === 0;
  syncControls();
}

// A slider's name outside its group: "Stimulus duration", "b (Excitatory population (RS))".
function labelWithGroup(spec) {
  if (spec.key.startsWith('stim_') && !/^stimulus/i.test(spec.label)) return `Stimulus ${spec.label}`;
  return /^(Model|Drive and stimulus|Run and view)$/.test(spec.group) ? spec.label : `${spec.label} (${spec.group})`;
}

// The sliders an embed shows: `controls=` of its link, else the lesson's, else the first key
// parameters of the model.
function embedSliders(lessonControls) {
  if (startParams.has('controls')) return startParams.get('controls').split(',').map((k) => k.trim()).filter(Boolean);
  return lessonControls || defaultSliders();
}

// Without a lesson or `controls=`: the model's first key parameters.
function defaultSliders() {
  return JSON.parse(app.model_info()).course.slice(0, EMBED_DEFAULT_SLIDERS).map((c) => c.key);
}

// Shows what belongs to the current model: its parameter groups, its plots and views.
function syncModel() {
  const m = JSON.parse(app.model_info());
  document.body.dataset.model = m.model;
  $('tf-section').hidden = !m.tf_view || embedded; // the embed shows the main plot alone
  $('analysis-section').hidden = embedded;
  syncFigures();
  for (const fs of document.querySelectorAll('#controls fieldset, #analysis-controls fieldset')) {
    const rows = [...fs.querySelectorAll('.param')];
    fs.hidden = rows.length > 0 && rows.every((r) => r.hidden);
  }
}

// The model's figures (Rust's registry): a canvas `plot-<id>` per time figure, in order (the
// first, the rates, is the main figure), and every figure in the export menu. Canvases are
// rebuilt only when the list of ids changes.
function syncFigures() {
  const figs = JSON.parse(app.figures());
  const time = figs.filter((f) => f.place === 'time');
  const ids = time.map((f) => f.id).join(' ');
  const box = $('time-figures');
  if (box.dataset.ids !== ids) {
    const frames = time.map((f) => el('figure', { class: `plot ${f.class}` }, [el('canvas', { id: `plot-${f.id}`, role: 'img' })]));
    $('main-figure').replaceChildren(...frames.slice(0, 1));
    box.replaceChildren(...frames.slice(1));
    box.dataset.ids = ids;
  }
  for (const f of figs) {
    const c = $(`plot-${f.id}`);
    if (!c || f.place !== 'time') continue;
    c.setAttribute('aria-label', f.aria);
    if (f.described_by) c.setAttribute('aria-describedby', f.described_by);
    else c.removeAttribute('aria-describedby');
  }
  const menu = $('export-figure');
  const chosen = menu.value;
  menu.replaceChildren(...figs.map((f) => el('option', { value: f.id, text: f.menu })));
  if (figs.some((f) => f.id === chosen)) menu.value = chosen;
}

// Shows every control's current value (Rust may have clamped it) and hides irrelevant ones.
function syncControls() {
  if (builtFor && builtFor !== JSON.parse(app.model_info()).model) {
    buildControls(); // another model: its own key parameters and groups
    return;
  }
  for (const spec of schema()) {
    for (const c of inputs.get(spec.key) || []) {
      c.row.hidden = !spec.relevant;
      const v = String(spec.value);
      if (c.select) {
        if (c.select.dataset.keyed !== '1') c.select.value = v; // not while the keyboard browses
        c.select.dataset.committed = v;
      } else {
        c.number.value = v; // sync runs after a committed change, never while typing
        c.range.value = v;
        c.range.setAttribute('aria-valuetext', fmtValue(spec, v));
      }
      const unit = c.row.querySelector('.unit');
      if (unit) unit.textContent = spec.unit ? `(${spec.unit})` : '';
    }
  }
  syncModel();
}

const setParam = guarded((key, value) => {
  const message = app.set(key, value);
  // Said next to the control (and announced there), and kept in the list at the top.
  for (const c of inputs.get(key) || []) {
    c.note.textContent = message || '';
    c.note.hidden = !message;
  }
  if (message) notice(message);
  syncControls();
  scheduleUpdate();
});

// ---- run, draw, URL ----------------------------------------------------------------------------

function scheduleUpdate() {
  if (pending || dead) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    update();
  });
}

function fmt(x, digits = 3) {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toString();
}

const update = guarded(() => {
  const t0 = performance.now();
  const s = JSON.parse(app.run());
  const t1 = performance.now();
  app.draw_time(canvases());
  const t2 = performance.now();
  $('readout').textContent =
    `At t = ${fmt(s.t_ms, 5)} ms: ${s.readout}. Computed in ${(t1 - t0).toFixed(1)} ms, drawn in ${(t2 - t1).toFixed(1)} ms.`;
  // Full-precision end state, for scripts and tests comparing with the CLI.
  Object.assign($('readout').dataset, { nuE: String(s.nu_e), nuI: String(s.nu_i), wE: String(s.w_e), model: app.model_info() && JSON.parse(app.model_info()).model });
  $('readout').dataset.runMs = (t1 - t0).toFixed(2);
  $('readout').dataset.drawMs = (t2 - t1).toFixed(2);
  $('events').replaceChildren(...s.warnings.map((m) => el('div', { class: 'event', text: m, title: m })));
  $('run-notes').replaceChildren(...s.notes.map((m) => el('li', { text: m })));
  showCoefficientInfo();
  if (network) network.changed();
  if (tfView && !$('tf-section').hidden) tfView.changed();
  if (analysis) analysis.changed();
  if (lessons) lessons.render();
  syncPin();
  const url = `${location.pathname}?${app.query()}${pageKeys()}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url);
});

// The page's own link keys, kept when the URL is rewritten: the embed and its sliders.
function pageKeys() {
  if (!embedded) return '';
  const controls = startParams.get('controls');
  return `&embed=1${controls === null ? '' : `&controls=${encodeURIComponent(controls)}`}`;
}

// The pinned run: the button's state and the ghost's legend beside the main plot.
function syncPin() {
  const p = JSON.parse(app.pin('state'));
  $('pin').setAttribute('aria-pressed', p.pinned ? 'true' : 'false');
  $('pin').textContent = p.pinned ? 'Pin again' : 'Pin this run';
  $('pin-note').hidden = !p.pinned;
  $('pin-label').textContent = p.pinned ? `Violet curves: the pinned run (${p.differences || 'the same parameters'}).` : '';
}

function showCoefficientInfo() {
  const info = JSON.parse(app.coefficient_info());
  const box = $('coeff-info');
  if (info.exact) {
    box.replaceChildren(el('p', { text: info.text }));
    return;
  }
  if (info.error) {
    box.replaceChildren(el('p', { text: info.error }));
    return;
  }
  const parts = [el('p', {}, [el('strong', { text: 'Transfer-function coefficients: ' }), info.title, '. ', info.source])];
  if (info.refit_pending) parts.unshift(el('p', { text: 'A refit for the cells as set here is running; until it is done the mean field uses the default coefficients below.' }));
  if (info.notes) parts.push(el('p', { text: info.notes }));
  if (info.departures.length) {
    parts.push(el('p', { text: 'This scenario departs from what the fit was made for, so the mean field may be less accurate:' }));
    parts.push(el('ul', {}, info.departures.map((d) => el('li', { text: d }))));
  }
  box.replaceChildren(...parts);
}

const redraw = guarded(() => {
  app.draw_time(canvases());
  if (tfView && !$('tf-section').hidden) tfView.draw();
  if (analysis) analysis.draw();
});
// The input plot does not depend on the network: skip it while the network streams.
const redrawNetwork = guarded(() => {
  const t0 = performance.now();
  app.draw_time(canvases().filter((c) => c.id !== 'plot-input'));
  $('net-status').dataset.drawMs = (performance.now() - t0).toFixed(2);
  if (lessons) lessons.render(); // a check on the network turns done as the run gets there
});

// Network pieces arrive many times a second: draw at most once per frame.
function requestDraw() {
  if (drawPending || dead) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    if (!pending) redrawNetwork();
  });
}

// ---- start -------------------------------------------------------------------------------------

async function loadCoefficientFiles() {
  for (const { id, path } of JSON.parse(app.coefficient_files())) {
    let text;
    try {
      const r = await fetch(path, { cache: 'no-cache' });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      text = await r.text();
    } catch (err) {
      notice(`Could not load ${path} (${err.message}); using the copy of "${id}" built into the program.`);
      continue;
    }
    try {
      app.load_coefficients(id, text);
    } catch (err) {
      notice(`${err.message}. Using the copy of "${id}" built into the program instead.`);
    }
  }
}

// Anything that escapes the handlers: a Rust panic is fatal (the module is unusable), anything
// else is shown as an error and the page goes on.
function onUncaught(err) {
  if (app && panic_message()) fatal(err);
  else if (!dead) notice(`Unexpected error: ${(err && err.message) || String(err)}`, 'error');
}

async function main() {
  $('fatal-reload').addEventListener('click', () => location.reload());
  window.addEventListener('error', (e) => onUncaught(e.error || e.message));
  window.addEventListener('unhandledrejection', (e) => onUncaught(e.reason));
  try {
    await init();
    app = new App();
  } catch (err) {
    fatal(err, 'The model could not be loaded (is WebAssembly available, and is pkg/ complete?)');
    return;
  }
  await loadCoefficientFiles();
  for (const n of JSON.parse(app.apply_query(location.search))) notice(n.message);
  buildControls();
  const presetSelect = $('preset');
  for (const p of JSON.parse(app.presets())) presetSelect.append(el('option', { value: p.id, text: p.label }));
  presetSelect.addEventListener('change', guarded(() => {
    if (!presetSelect.value) return;
    $('preset-note').textContent = app.load_preset(presetSelect.value);
    syncControls();
    scheduleUpdate();
  }));
  $('reset').addEventListener('click', guarded(() => {
    app.reset();
    syncControls();
    scheduleUpdate();
  }));
  $('copy-link').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      notice('Link copied: it reproduces exactly what you see.');
    } catch {
      notice(`Copy this link: ${location.href}`);
    }
  });
  let resizeTimer = 0;
  const resizer = new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(redraw, 60);
  });
  resizer.observe(document.querySelector('.layout'));
  resizer.observe($('main-figure')); // the embed's main plot takes the height that is left
  network = startNetwork({ app, $, guarded, notice, requestDraw, onFinished: () => analysis && analysis.draw() });
  tfView = startTfView({ app, $, guarded, notice, scheduleUpdate, setParam });
  analysis = startAnalysis({ app, $, el, guarded, notice, setParam });
  startSharing({ app, $, guarded, notice, el, embedded, network, defaultSliders, reload: () => { syncControls(); scheduleUpdate(); } });
  lessons = startLessons({ app, $, el, guarded, embedded, reload: () => { syncControls(); scheduleUpdate(); },
    setSliders: (lessonControls) => setSliders(embedded ? embedSliders(lessonControls) : lessonControls) });
  $('pin').addEventListener('click', guarded(() => {
    app.pin('pin');
    scheduleUpdate();
  }));
  $('unpin').addEventListener('click', guarded(() => {
    app.pin('unpin');
    $('pin').focus();
    scheduleUpdate();
  }));
  // Diagnostics for tests and the curious: make one part panic to see how the page copes.
  window.meanfieldExplorer = Object.freeze({
    wasmMemoryBytes,
    simulatePanic(part = 'page') {
      if (part === 'network') network.simulatePanic();
      else if (part === 'analysis') analysis.simulatePanic();
      else guarded(() => simulatePanic('page'))();
    },
  });
  update();
  document.body.dataset.ready = '1';
  if (startParams.has('fuzz')) {
    const { startFuzz } = await import('./fuzz.js');
    startFuzz({ app, $, el, params: startParams });
  }
}

main();
