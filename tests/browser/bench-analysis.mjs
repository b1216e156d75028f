// Analysis benchmark (prints figures; not a test): wall time of each analysis view computed in
// its Web Worker, in headless Chromium against dist/, from the page's first load of the link.
// Usage: node tests/browser/bench-analysis.mjs [repeats per case, default 3] [only the cases
// whose label contains this]
// The same diagrams natively, for the page/native ratio: `meanfield bifurcation --model M
// --param KEY --from A --to B [--two KEY2 --from2 A2 --to2 B2]` with each model's defaults
// (`scripts/bench-diagrams.sh` runs both).
import { start, open } from './harness.mjs';

const n = Number(process.argv[2] || 3);
const only = process.argv[3] || '';
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const FIG5 = 'coeffs=divolo2019-code&order=1&el_e=-63&nu_drive=0&b_e=0&stim=none';
const env = await start();
try {
  for (const [label, query] of [
    ['fixed points (Fig 5B)', `${FIG5}&analysis=fixed_points`],
    ['b scan, 21 values (Fig 2)', 'coeffs=divolo2019-code&stim=none&analysis=scan'],
    ['E_L map, 21 x 21 (Fig 5A)', `${FIG5}&analysis=bistability`],
    ['E_L map, 41 x 41', `${FIG5}&analysis=bistability&map_n=41`],
    ['frequency response, 16 (Fig 3D)', 'coeffs=divolo2019-code&analysis=freq_response'],
    // The exact families' default diagrams, with their cycle branches, without the network.
    ...['qif', 'qif_sfa', 'izh_cc', 'izh_gsk', 'izh_eta'].flatMap((m) => [
      [`${m}: bifurcation diagram + cycles`, `model=${m}&analysis=bifurcation&bif_net=0`],
      [`${m}: two-parameter curves`, `model=${m}&analysis=two_parameter`],
    ]),
    // The conductance models (scripts/bench-diagrams.sh has the same natively).
    ...[
      ['adex-fig5-order1', `${FIG5}&el_i=-65&bif_x=el_e&bif_min=-70&bif_max=-60&bif_y=el_i&bif_ymin=-70&bif_ymax=-60`],
      ['adex-order1', 'model=adex&order=1&bif_x=nu_drive&bif_min=0&bif_max=10&bif_y=b_e&bif_ymin=0&bif_ymax=100'],
      // The second order's covariances scale as 1/N: its own N, not the bench's small one.
      ['adex-order2', 'model=adex&n=10000&bif_x=nu_drive&bif_min=0&bif_max=10&bif_y=b_e&bif_ymin=0&bif_ymax=100'],
      ['izhikevich-order2', 'model=izhikevich&n=10000&bif_x=nu_drive&bif_min=0&bif_max=20&bif_y=izh_d_e&bif_ymin=0&bif_ymax=60'],
    ].flatMap(([m, q]) => [
      [`${m}: bifurcation diagram + cycles`, `${q}&analysis=bifurcation&bif_net=0`],
      [`${m}: two-parameter curves`, `${q}&analysis=two_parameter`],
    ]),
  ].filter(([label]) => label.includes(only))) {
    const times = [];
    for (let k = 0; k < n; k++) {
      // A small network, paused, so that the analysis worker has the machine.
      const { page } = await open(env.browser, `${env.base}?v=2&n=100&${query}`);
      await page.click('#net-play');
      await page.waitForFunction(() => document.querySelector('#analysis-status').dataset.done === '1', null, { timeout: 300000 });
      times.push(await page.$eval('#analysis-status', (e) => Number(e.dataset.seconds)));
      await page.close();
    }
    console.log(`${label.padEnd(34)} ${median(times).toFixed(3)} s (median of ${n}; ${times.map((t) => t.toFixed(3)).join(', ')})`);
  }
} finally {
  await env.close();
}
