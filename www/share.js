// Mean-Field Explorer: sharing. Embedded layout (?embed=1: the lesson, its sliders and the main
// plot, fitting its frame; its height posted to the parent page), the Embed dialog's iframe
// snippet (a size and the sliders), the exports (PNG drawn again by Rust at print
// resolution, CSV and scenario JSON from Rust, scripts for NEST, Brian2, TVB and PyRates) and
// loading a scenario file back. It also pauses the network while the page, or the embedded
// frame, is out of sight.

import { download } from './ui.js';

const PRINT_SCALE = 4; // × the on-screen CSS size (a 700 px wide plot becomes 2800 px)
const FALLBACK_SIZE = [900, 400];
const MAX_FILE_BYTES = 1e6; // a scenario export is about 5 kB

export function startSharing({ app, $, guarded, notice, embedded, network, reload, defaultSliders }) {
  const fullUrl = () => `${location.origin}${location.pathname}?${app.query()}`;

  // ---- embedded layout ----
  if (embedded) {
    document.body.classList.add('embed');
    $('embed-bar').hidden = false;
    const link = $('embed-full');
    const refresh = () => { link.href = fullUrl(); };
    refresh();
    link.addEventListener('focus', refresh);
    link.addEventListener('mouseenter', refresh);
    link.addEventListener('pointerdown', refresh);
    if (window.parent !== window) {
      let last = 0;
      const post = () => {
        const height = Math.ceil(document.documentElement.scrollHeight);
        if (height === last) return;
        last = height;
        window.parent.postMessage({ type: 'meanfield-explorer:height', height }, '*');
      };
      new ResizeObserver(post).observe(document.body);
      post();
    }
    // An embedded frame scrolled out of view pauses its network.
    new IntersectionObserver((entries) => {
      for (const e of entries) network.setVisible('frame', e.isIntersecting);
    }).observe(document.querySelector('.stage'));
  }
  document.addEventListener('visibilitychange', () => network.setVisible('page', !document.hidden));

  // ---- the Share and export menu closes on Escape and on a click outside it ----
  const menu = $('share-menu');
  document.addEventListener('click', (e) => {
    if (menu.open && !menu.contains(e.target)) menu.open = false;
  });
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && menu.open) {
      menu.open = false;
      menu.querySelector('summary').focus();
    }
  });

  // ---- embed dialog: a size, the sliders, the snippet ----
  const dialog = $('embed-dialog');
  // The sliders an embed shows by default: the lesson's, else the model's first key parameters.
  const lessonControls = () => {
    const s = JSON.parse(app.lesson('state'));
    return s.active ? s.controls : defaultSliders();
  };
  const writeSnippet = guarded(() => {
    const label = JSON.parse(app.model_info()).label;
    const known = new Set(JSON.parse(app.describe()).params.filter((p) => p.relevant && p.group !== 'Lesson').map((p) => p.key));
    const keys = $('embed-controls').value.split(',').map((k) => k.trim()).filter(Boolean);
    const unknown = keys.filter((k) => !known.has(k));
    $('embed-controls-note').textContent = unknown.length
      ? `Not a parameter of this model, left out: ${unknown.join(', ')}.`
      : `${keys.length} slider${keys.length === 1 ? '' : 's'}: ${keys.join(', ') || 'none'}.`;
    const used = keys.filter((k) => known.has(k));
    const isDefault = used.join(',') === lessonControls().join(',');
    const src = `${fullUrl()}&embed=1${isDefault ? '' : `&controls=${used.join(',')}`}`;
    const [w, h] = $('embed-size').value.split('x');
    const title = `Mean-Field Explorer: ${label}`.replace(/"/g, '&quot;');
    $('embed-code').value = `<iframe src="${src.replace(/&/g, '&amp;')}" title="${title}" width="${w}" height="${h}" style="border:1px solid #ccc; max-width:100%" loading="lazy"></iframe>`;
    $('embed-preview').href = src;
  });
  $('embed-open').addEventListener('click', guarded(() => {
    $('embed-controls').value = lessonControls().join(',');
    writeSnippet();
    dialog.showModal();
    $('embed-size').focus();
  }));
  $('embed-size').addEventListener('change', writeSnippet);
  $('embed-controls').addEventListener('input', writeSnippet);
  $('embed-close').addEventListener('click', () => dialog.close());
  $('embed-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('embed-code').value);
      notice('Embed snippet copied.');
    } catch {
      $('embed-code').select();
      notice('Select the snippet and copy it (Ctrl+C).');
    }
  });

  // ---- exports ----
  const figureCanvas = (id) => `plot-${id}`; // the registry's ids name the canvases
  $('export-png').addEventListener('click', guarded(() => {
    const id = $('export-figure').value;
    const shown = $(figureCanvas(id));
    const size = shown && shown.clientWidth > 0 ? [shown.clientWidth, shown.clientHeight] : FALLBACK_SIZE;
    const c = document.createElement('canvas');
    app.draw_figure(id, c, size[0], size[1], PRINT_SCALE);
    c.toBlob((blob) => {
      if (blob) download(`meanfield-${id}.png`, blob);
      else notice('The browser could not encode the PNG.', 'error');
    }, 'image/png');
    $('export-png').dataset.last = `${c.width}x${c.height}`;
  }));
  $('export-csv').addEventListener('click', guarded(() => {
    const id = $('export-figure').value;
    download(`meanfield-${id}.csv`, new Blob([app.figure_csv(id)], { type: 'text/csv' }));
  }));
  $('export-json').addEventListener('click', guarded(() => {
    download('meanfield-scenario.json', new Blob([app.scenario_json()], { type: 'application/json' }));
  }));
  // ---- scripts for other simulators (generated by Rust from the same scenario) ----
  const scriptButtons = [...document.querySelectorAll('[data-export-target]')];
  const networkTargets = new Set(['nest', 'brian2']);
  const syncScriptTargets = () => {
    const targets = JSON.parse(app.export_targets());
    const ok = [];
    for (const t of targets) {
      const b = scriptButtons.find((x) => x.dataset.exportTarget === t.target);
      if (!b) continue;
      b.disabled = t.unavailable !== null;
      b.title = t.unavailable === null ? `Download ${t.label}` : `Not for this model: ${t.unavailable}`;
      if (t.unavailable === null) ok.push(b.textContent);
    }
    $('export-script-note').textContent = `This model exports to ${ok.join(', ')}.`;
  };
  for (const b of scriptButtons) {
    b.addEventListener('click', guarded(() => {
      const target = b.dataset.exportTarget;
      const e = JSON.parse(app.export_script(target));
      download(e.file_name, new Blob([e.text], { type: 'text/x-python' }));
      const out = networkTargets.has(target) ? 'rates.csv' : 'trace.csv';
      $('export-script-note').textContent = `Saved ${e.file_name}. Run: python3 ${e.file_name} > ${out}. `
        + `Its header says how to install ${b.textContent} and what does not carry over exactly (${e.warnings.length} ${e.warnings.length === 1 ? 'note' : 'notes'}).`;
    }));
  }
  // syncModel() marks the model on <body>: follow it.
  new MutationObserver(syncScriptTargets).observe(document.body, { attributes: true, attributeFilter: ['data-model'] });
  syncScriptTargets();

  $('import-json').addEventListener('change', async (e) => {
    const file = e.target.files && e.target.files[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      notice(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB; a scenario file is a few kB (at most ${MAX_FILE_BYTES / 1e6} MB is read). Nothing was loaded.`, 'error');
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch (err) {
      notice(`Could not read ${file.name}: ${err.message}`, 'error');
      return;
    }
    guarded(() => {
      const notices = JSON.parse(app.load_scenario_json(text));
      for (const n of notices) notice(n.message);
      notice(`Loaded the scenario from ${file.name}.`);
      reload();
    })();
  });
}
