// Mean-Field Explorer: sharing. Embedded layout (?embed=1) with its height posted to the parent
// page, the Embed dialog's iframe snippet, the exports (PNG drawn again by Rust at print
// resolution, CSV and scenario JSON from Rust) and loading a scenario file back. It also pauses
// the network while the page, or the embedded frame, is out of sight.

import { download } from './ui.js';

const PRINT_SCALE = 4; // × the on-screen CSS size (a 700 px wide plot becomes 2800 px)
const FALLBACK_SIZE = [900, 400];
const MAX_FILE_BYTES = 1e6; // a scenario export is about 5 kB

export function startSharing({ app, $, guarded, notice, embedded, network, reload }) {
  const fullUrl = () => `${location.origin}${location.pathname}?${app.query()}`;

  // ---- embedded layout ----
  if (embedded) {
    document.body.classList.add('embed');
    $('embed-link-row').hidden = false;
    const link = $('embed-full');
    const refresh = () => { link.href = fullUrl(); };
    refresh();
    link.addEventListener('focus', refresh);
    link.addEventListener('mouseenter', refresh);
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
    }).observe(document.querySelector('.plots'));
  }
  document.addEventListener('visibilitychange', () => network.setVisible('page', !document.hidden));

  // ---- embed dialog ----
  const dialog = $('embed-dialog');
  $('embed-open').addEventListener('click', guarded(() => {
    const label = JSON.parse(app.model_info()).label;
    const src = `${fullUrl()}&embed=1`;
    const title = `Mean-Field Explorer: ${label}`.replace(/"/g, '&quot;');
    $('embed-code').value = `<iframe src="${src.replace(/&/g, '&amp;')}" title="${title}" width="100%" height="1100" style="border:0" loading="lazy"></iframe>`;
    dialog.showModal();
    $('embed-code').focus();
    $('embed-code').select();
  }));
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
  const figureCanvas = (id) => ({
    raster: 'plot-raster', rates: 'plot-rates', w: 'plot-w', input: 'plot-input', extra: 'plot-extra',
    analysis: 'plot-analysis', 'tf-rate': 'plot-tf-rate', 'tf-v': 'plot-tf-v',
  })[id];
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
