// The transfer-function view and the page's refit, in headless Chromium against dist/: the view
// draws fitted curves and simulated points for both cells; a refit after a changed neuron
// parameter shows its progress, finishes, changes the mean field's rates, matches the native
// CLI's refit, and downloads as a valid coefficient file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { start, open, colourPixels } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const root = fileURLToPath(new URL('../../', import.meta.url));
const BLUE = [0, 114, 178]; // the first ν_i curve and its points
const caption = (page) => page.$eval('#tf-caption', (e) => ({ ...e.dataset, text: e.textContent }));
const readout = (page) => page.$eval('#readout', (e) => ({ nuE: Number(e.dataset.nuE), nuI: Number(e.dataset.nuI) }));

test('the view draws the fitted curves with the simulated points, for RS and FS', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&n=1000`);
  const c = await caption(page);
  assert.equal(c.set, 'meanfield-fit-adex');
  assert.ok(Number(c.points) > 500, `points ${c.points}`);
  assert.match(c.text, /rate error [0-9.]+ Hz RMS/);
  const rs = await colourPixels(page, 'plot-tf-rate', BLUE, 30);
  assert.ok(rs.count > 300, `curve pixels ${rs.count}`);
  assert.ok((await colourPixels(page, 'plot-tf-v', BLUE, 30)).count > 50);
  // Adaptation values of the RS data are offered; W = 300 pA moves the curves.
  const ws = await page.$$eval('#tf-w option', (o) => o.map((x) => x.value));
  assert.deepEqual(ws, ['0', '50', '100', '200', '300']);
  const before = await page.$eval('#plot-tf-rate', (c) => c.toDataURL());
  await page.selectOption('#tf-w', '300');
  assert.notEqual(await page.$eval('#plot-tf-rate', (c) => c.toDataURL()), before);
  await page.selectOption('#tf-cell', 'inh');
  assert.match((await caption(page)).text, /^FS cell/);
  assert.deepEqual(await page.$$eval('#tf-w option', (o) => o.map((x) => x.value)), ['0']);
  assert.ok((await colourPixels(page, 'plot-tf-rate', BLUE, 30)).count > 300);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a refit for a changed cell shows progress, finishes, changes the mean field and downloads', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&n=1000`);
  // Change a neuron parameter through its control (Δ_T of RS: under "Advanced", which the
  // harness keeps open).
  await page.fill('#in-delta_t_e', '3');
  await page.press('#in-delta_t_e', 'Enter');
  await page.waitForFunction(() => location.search.includes('delta_t_e=3'));
  const stale = await readout(page);
  assert.match(await page.textContent('#coeff-info'), /Δ_T \(RS\) is 3 mV here but the fit was made at 2 mV/);

  // Record what the progress bar shows while the worker runs.
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver(() => window.progressSeen.push(Number(document.getElementById('tf-progress').value)))
      .observe(document.getElementById('tf-progress'), { attributes: true });
  });
  const t0 = Date.now();
  await page.click('#tf-refit');
  await page.waitForFunction(() => !document.getElementById('tf-job').hidden, null, { timeout: 10000 });
  assert.match(await page.textContent('#coeff-info'), /refit .* is running/);
  await page.waitForFunction(() => document.getElementById('tf-status').dataset.done === '1', null, { timeout: 60000 });
  const seconds = (Date.now() - t0) / 1000;
  console.log(`# refit in the page: ${seconds.toFixed(1)} s wall (status says ${await page.$eval('#tf-status', (e) => e.dataset.seconds)} s)`);
  const seen = await page.evaluate(() => window.progressSeen);
  assert.ok(seen.some((v) => v > 0 && v < 1), `progress values ${seen}`);
  assert.ok(await page.$eval('#tf-job', (e) => e.hidden));
  assert.match(await page.textContent('#tf-status'), /Refit done in [0-9.]+ s/);
  assert.ok(page.url().includes('coeffs=refit'));

  // The mean field re-ran with the refit: other rates, and the same as the native CLI's refit.
  await page.waitForFunction((old) => Number(document.getElementById('readout').dataset.nuE) !== old, stale.nuE);
  const fresh = await readout(page);
  assert.ok(Math.abs(fresh.nuE - stale.nuE) > 1e-3 * stale.nuE, `${stale.nuE} -> ${fresh.nuE}`);
  assert.equal((await caption(page)).set, 'refit');
  assert.doesNotMatch(await page.textContent('#coeff-info'), /Δ_T \(RS\)/);
  const args = ['run', '-q', '--release', '--bin', 'meanfield', '--', 'run', '--json', '--set', 'n=1000', '--set', 'delta_t_e=3', '--set', 'coeffs=refit'];
  const native = JSON.parse(execFileSync('cargo', args, { cwd: root, maxBuffer: 1 << 28 }).toString());
  const last = native.nu_e[native.nu_e.length - 1];
  assert.ok(Math.abs(last - fresh.nuE) <= 1e-9 * Math.abs(last), `native ${last}, page ${fresh.nuE}`);

  // Download: a valid coefficient file for the cells as set.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#tf-download')]);
  assert.equal(download.suggestedFilename(), 'refit.json');
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(file.format, 'meanfield-explorer/tf-coefficients');
  assert.equal(file.cells.exc.neuron.delta_t_mv, 3);
  assert.ok(file.cells.exc.fit.residuals.rms_hz < 3, JSON.stringify(file.cells.exc.fit.residuals));
  assert.ok(file.cells.exc.fit.data.rate_hz.length > 100);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link with coeffs=refit refits on load', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&n=1000&coeffs=refit&gl_e=12`);
  await page.waitForFunction(() => document.getElementById('tf-status').dataset.done === '1', null, { timeout: 60000 });
  assert.equal((await caption(page)).set, 'refit');
  assert.equal(await page.$eval('#in-coeffs', (e) => e.value), 'refit');
  assert.deepEqual(errors, []);
  await page.close();
});
