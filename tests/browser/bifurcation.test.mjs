// Issue 20 in headless Chromium against dist/: the exact families' bifurcation view draws the
// diagram with its named special points and the network's crosses; a click on the diagram (or
// a special point's button) sets the parameter there, both models rerun and the link follows,
// while the diagram is kept; Cancel stops the network runs; the link restores the view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, colourPixels, canvasHash, EXC } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const summary = (page) => page.$eval('#analysis-summary', (e) => e.textContent);
const done = (page, timeout = 60000) => page.waitForFunction(() => document.querySelector('#analysis-status').dataset.done === '1', null, { timeout });

test('the bifurcation diagram draws with its Hopf points and the network, and a click sets the parameter', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?model=izh_cc&n=1000&duration=1500&bif_net=4`);
  assert.deepEqual(await page.$$eval('#in-analysis option', (os) => os.map((o) => o.value)), ['bifurcation', 'two_parameter', 'phase_plane']);
  await done(page);
  const text = await summary(page);
  // exact_mf.md §3: the Chen-Campbell Hopf points at η̄ = 0.0749 and 0.1909.
  assert.match(text, /HB1 \(Hopf point\) at η̄ = 0\.0749, r = 14\.19\d Hz/);
  assert.match(text, /HB2 \(Hopf point\) at η̄ = 0\.1909/);
  assert.match(text, /At this scenario's η̄ = 0\.12: no stable equilibrium/);
  // The network at 4 values, from 0 to 0.3; at 0.3 (tonic) within 10 % of the mean field.
  const runs = text.match(/at 4 values of η̄: (.*)\./)[1].split('; ');
  assert.equal(runs.length, 4, text);
  const [, net, mf] = runs[3].match(/^0\.3: ([\d.]+) Hz .* mean field ([\d.]+) Hz/).map(Number);
  assert.ok(Math.abs(net - mf) < 0.1 * mf, runs[3]);
  assert.ok((await colourPixels(page, 'plot-analysis', EXC)).count > 300, 'the branch is drawn');
  const withNetwork = await canvasHash(page, 'plot-analysis');
  const seconds = await page.$eval('#analysis-status', (e) => e.dataset.seconds);

  // A click on the diagram: the parameter, the models and the link follow; the diagram stays.
  const before = await page.$eval('#readout', (e) => e.dataset.nuE);
  await page.$eval('#plot-analysis', (e) => e.scrollIntoView({ block: 'center' }));
  const box = await (await page.$('#plot-analysis')).boundingBox();
  await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await page.waitForFunction(() => document.querySelector('#in-cc_eta').value !== '0.12');
  const value = Number(await page.$eval('#in-cc_eta', (e) => e.value));
  assert.ok(value > 0 && value < 0.12, `clicked at ${value}`);
  await page.waitForFunction((v) => new URLSearchParams(location.search).get('cc_eta') === String(v), value);
  await page.waitForFunction((b) => document.querySelector('#readout').dataset.nuE !== b, before);
  await page.waitForFunction(() => document.querySelector('#net-status').dataset.done === '1', null, { timeout: 30000 });
  assert.match(await summary(page), new RegExp(`At this scenario's η̄ = ${value}: one stable equilibrium`));
  assert.equal(await page.$eval('#analysis-status', (e) => e.dataset.seconds), seconds, 'not recomputed');
  assert.notEqual(await canvasHash(page, 'plot-analysis'), withNetwork, 'the marker moved');

  // The keyboard's way: a special point's button.
  const hb2 = page.locator('#analysis-points button', { hasText: 'HB2' });
  await hb2.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#in-cc_eta').value.startsWith('0.19093'));

  // Without the network runs the crosses are gone.
  await page.fill('#in-bif_net', '0');
  await page.press('#in-bif_net', 'Enter');
  await page.waitForFunction(() => !/spiking network/.test(document.querySelector('#analysis-summary').textContent), null, { timeout: 30000 });
  await done(page);
  assert.doesNotMatch(await summary(page), /spiking network/);
  assert.deepEqual(errors, []);
});

test('Cancel stops the network runs, keeps the diagram, and the link restores the view', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?model=qif&bif_x=qif_j&bif_min=0&bif_max=50&bif_net=12&n=10000&duration=4000`);
  assert.equal(await page.$eval('#in-bif_x', (e) => e.value), 'qif_j');
  // The diagram comes first, then the network runs one by one.
  await page.waitForFunction(() => /against J from 0 to 50: .* LP1 \(fold\)/.test(document.querySelector('#analysis-summary').textContent), null, { timeout: 30000 });
  assert.equal(await page.$eval('#analysis-cancel', (e) => e.disabled), false);
  await page.click('#analysis-cancel');
  assert.match(await page.$eval('#analysis-status', (e) => e.textContent), /Cancelled/);
  assert.match(await summary(page), /LP2 \(fold\)/);
  assert.doesNotMatch(await summary(page), /at 12 values/);
  // The link restores the view and computes it again.
  const again = await env.browser.newPage();
  await again.goto(page.url());
  await again.waitForSelector('body[data-ready="1"]');
  assert.equal(await again.$eval('#in-bif_x', (e) => e.value), 'qif_j');
  assert.equal(await again.$eval('#in-bif_min', (e) => e.value), '0');
  await again.waitForFunction(() => /against J from 0 to 50/.test(document.querySelector('#analysis-summary').textContent), null, { timeout: 30000 });
  assert.deepEqual(errors, []);
});

test('the two-parameter diagram draws the QIF cusp, and a click sets both parameters', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?model=qif&analysis=two_parameter&n=1000`);
  await done(page);
  // The cusp of the closed form: Δ = 9J²/(32√3π²) = 3.7018 at η̄ = −6.4117 (J = 15).
  assert.match(await summary(page), /1 fold curve\(s\) .* CP1 \(cusp\) at η̄ = -6\.4117, Δ = 3\.7018/);
  assert.ok((await colourPixels(page, 'plot-analysis', EXC)).count > 200, 'the fold curve is drawn');
  await page.$eval('#plot-analysis', (e) => e.scrollIntoView({ block: 'center' }));
  const box = await (await page.$('#plot-analysis')).boundingBox();
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.waitForFunction(() => document.querySelector('#in-qif_delta').value !== '1');
  const [eta, delta] = await Promise.all(['#in-qif_eta', '#in-qif_delta'].map((id) => page.$eval(id, (e) => Number(e.value))));
  assert.ok(eta > -10 && eta < 0 && eta !== -5 && delta > 0 && delta < 5, `${eta} ${delta}`);
  await page.waitForFunction(([a, b]) => {
    const q = new URLSearchParams(location.search);
    return q.get('qif_eta') === String(a) && q.get('qif_delta') === String(b);
  }, [eta, delta]);
  // Δ is the second parameter: the diagram is computed again from the new Δ, η̄ leaves it.
  await done(page);
  await page.locator('#analysis-points button', { hasText: 'CP1' }).click();
  await page.waitForFunction(() => document.querySelector('#in-qif_delta').value.startsWith('3.7018'));
  assert.match(await page.$eval('#in-qif_eta', (e) => e.value), /^-6\.4117/);
  assert.deepEqual(errors, []);
});

test('the phase plane shows the run, the equilibria and the nullclines', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?model=qif&stim=none&n=1000`);
  await page.selectOption('#in-analysis', 'phase_plane');
  await page.waitForFunction(() => /^Phase plane/.test(document.querySelector('#analysis-summary').textContent), null, { timeout: 30000 });
  await done(page);
  const text = await summary(page);
  // η̄ = −5, J = 15, Δ = 1: three equilibria of η̄ = π²r² − J r − Δ²/(4π²r²) (r = 8.113, 47.30,
  // 103.06 Hz), the middle one a saddle; the run from r(0) = 1 Hz settles on the lowest.
  assert.match(text, /3 equilibria at these parameters: stable node at r = 8\.113 Hz.*; saddle at r = 47\.29\d Hz.*; stable focus at r = 103\.06 Hz/);
  assert.match(text, /nullclines/);
  assert.ok((await colourPixels(page, 'plot-analysis', EXC)).count > 100, 'the ṙ nullcline is drawn');
  assert.deepEqual(errors, []);
});

test('the AdEx mean field has the views too: its fold is the bistability map\'s edge, and a second-order run that cannot settle says so', async () => {
  // di Volo Fig 5 (first order, no drive): against E_L of RS at E_L of FS = -65 mV.
  const fig5 = 'coeffs=divolo2019-code&order=1&el_e=-63&el_i=-65&nu_drive=0&b_e=0&nu_e0=0&nu_i0=0&w_e0=0&stim=pulse&stim_amp=1&stim_t0=500&stim_dur=100&duration=3000';
  const { page, errors } = await open(env.browser, `${env.base}?${fig5}&analysis=bifurcation&bif_x=el_e&bif_min=-70&bif_max=-60&bif_net=0`);
  const kinds = await page.$$eval('#in-analysis option', (os) => os.map((o) => o.value));
  assert.deepEqual(kinds, ['fixed_points', 'scan', 'bistability', 'freq_response', 'bifurcation', 'two_parameter', 'phase_plane']);
  await done(page);
  const text = await summary(page);
  // The fold where the map's row turns bistable (between its cells -64 and -63.5 mV), and
  // the Hopf point of the E-I loop above it.
  assert.match(text, /rate ν_e against E_L \(E\)/, text);
  assert.match(text, /LP1 \(fold\) at E_L \(E\) = -63\.91\d+/, text);
  assert.match(text, /HB1 \(Hopf point\) at E_L \(E\) = -62\.40\d+/, text);
  assert.ok((await colourPixels(page, 'plot-analysis', EXC)).count > 300, 'the branches are drawn');
  // The phase plane in (ν_e, ν_i).
  await page.selectOption('#in-analysis', 'phase_plane');
  await page.waitForFunction(() => /Phase plane of the mean field in ν_e and ν_i/.test(document.querySelector('#analysis-summary').textContent), null, { timeout: 60000 });
  assert.deepEqual(errors, []);

  // izhikevich_mf.md: d_e = 25 pA, ν_drive = 3 Hz never settles in second order.
  const izh = await open(env.browser, `${env.base}?model=izhikevich&nu_drive=3&izh_d_e=25`);
  await izh.page.waitForFunction(() => /No prediction from the second order/.test(document.body.textContent), null, { timeout: 30000 });
  const warning = await izh.page.evaluate(() => [...document.querySelectorAll('*')].map((e) => e.childElementCount === 0 ? e.textContent : '').find((t) => /No prediction from the second order/.test(t)));
  assert.match(warning, /c_ee = 78\.6\d Hz²/);
  assert.match(warning, /first-order model settles at ν_e = 2\.281 Hz/);
  assert.deepEqual(izh.errors, []);
});
