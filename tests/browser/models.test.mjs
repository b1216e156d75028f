// The model picker, in headless Chromium against dist/: switching model shows that model's
// controls and plots (mean field and its network on the same axes); the link then carries the
// model and its changed parameters, and reloading it restores both. Each example of the menu
// loads and says what to look for; the rate the page shows equals the CLI's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { start, open, colourPixels, EXC } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const root = fileURLToPath(new URL('../../', import.meta.url));
const visible = (page, key) => page.$$eval(`#controls .param[data-key="${key}"]`, (rs) => rs.some((r) => !r.hidden && !r.closest('fieldset').hidden));

test('switching model, changing a parameter and reloading restores both', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&n=1000`);
  assert.equal(await visible(page, 'b_e'), true);
  await page.selectOption('#in-model', 'qif_sfa');
  await page.waitForFunction(() => document.body.dataset.model === 'qif_sfa');
  assert.equal(await visible(page, 'b_e'), false, 'AdEx controls hidden');
  assert.equal(await visible(page, 'sfa_alpha'), true, 'SFA controls shown');
  assert.equal(await page.$eval('#tf-section', (e) => e.hidden), true, 'no transfer-function view');
  await page.fill('#in-sfa_alpha', '0.7');
  await page.press('#in-sfa_alpha', 'Enter');
  await page.waitForFunction(() => location.search.includes('sfa_alpha=0.7'));
  const url = page.url();
  assert.match(url, /model=qif_sfa/);
  const before = await page.$eval('#readout', (e) => Number(e.dataset.nuE));
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  assert.equal(page.url(), url);
  assert.equal(await page.$eval('#in-model', (e) => e.value), 'qif_sfa');
  assert.equal(await page.$eval('#in-sfa_alpha', (e) => e.value), '0.7');
  assert.equal(await page.$eval('#readout', (e) => Number(e.dataset.nuE)), before);
  // The page's mean field equals the CLI's for the same link keys.
  const cli = execFileSync('cargo', ['run', '--release', '--quiet', '--bin', 'meanfield', '--', 'run', '--json',
    '--model', 'qif_sfa', '--set', 'sfa_alpha=0.7'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const r = JSON.parse(cli).r;
  assert.ok(Math.abs(r[r.length - 1] - before) < 1e-9 * Math.max(1, before), `${r[r.length - 1]} vs ${before}`);
  // The network runs beside it: its rate curve and raster are drawn.
  await page.waitForFunction(() => Number(document.getElementById('net-status').dataset.tMs) >= 300, null, { timeout: 60000 });
  assert.match(await page.$eval('#net-status', (e) => e.textContent), /all-to-all, Lorentzian heterogeneity/);
  assert.ok((await colourPixels(page, 'plot-raster', EXC, 60)).count > 200, 'raster marks');
  assert.deepEqual(errors, []);
});

test('every example loads, says what to look for, and runs without warnings', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&n=1000`);
  const ids = await page.$$eval('#preset option', (o) => o.map((x) => x.value).filter(Boolean));
  assert.ok(ids.length >= 8, ids.join());
  for (const id of ['qif-hysteresis', 'qif-sfa-bursting', 'cc-bursting', 'cc-pyrates-g15', 'izh-reference']) {
    assert.ok(ids.includes(id), id);
    await page.selectOption('#preset', id);
    await page.waitForFunction((id) => document.getElementById('preset-note').textContent.length > 20, id);
    await page.waitForTimeout(200);
    const readout = await page.$eval('#readout', (e) => e.textContent);
    assert.match(readout, /Hz/, `${id}: ${readout}`);
    const events = await page.$eval('#events', (e) => e.textContent);
    if (id !== 'izh-reference') assert.equal(events, '', `${id}: ${events}`);
  }
  // The Izhikevich conductance model names its cells E and I, and its coefficients.
  assert.match(await page.$eval('#readout', (e) => e.textContent), /ν_e \(E\)/);
  assert.match(await page.$eval('#coeff-info', (e) => e.textContent), /Izhikevich/);
  assert.deepEqual(errors, []);
});
