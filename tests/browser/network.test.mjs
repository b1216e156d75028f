// The spiking network in the page, in headless Chromium against dist/: it plays in a worker,
// fills the raster, reports its speed, pauses, steps, restarts on a parameter change, and gives
// the same spikes as the native CLI for the same link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { start, open, colourPixels, EXC, INH } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = (sets) => {
  const args = ['run', '-q', '--release', '--bin', 'meanfield', '--', 'network', '--json', ...Object.entries(sets).flatMap(([k, v]) => ['--set', `${k}=${v}`])];
  return JSON.parse(execFileSync('cargo', args, { cwd: root, maxBuffer: 1 << 26 }).toString());
};
const status = (page) => page.$eval('#net-status', (e) => ({ ...e.dataset, text: e.textContent }));
const waitDone = (page) => page.waitForFunction(() => document.getElementById('net-status').dataset.done === '1', null, { timeout: 60000 });
const waitT = (page, ms) => page.waitForFunction((ms) => Number(document.getElementById('net-status').dataset.tMs) >= ms, ms, { timeout: 30000 });
const rasterInk = async (page) => (await colourPixels(page, 'plot-raster', EXC)).count + (await colourPixels(page, 'plot-raster', INH)).count;

test('the raster fills in while playing, the speed shows, pause stops, play resumes, step adds 100 ms', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&n=2000&duration=60000`);
  await waitT(page, 1000);
  const ink1 = await rasterInk(page);
  const s1 = await status(page);
  assert.ok(Number(s1.speed) > 0, `speed ${s1.speed}`);
  assert.match(s1.text, /model s per wall s/);
  assert.match(s1.text, /N = 2000 \(1600 RS, 400 FS\)/);
  await waitT(page, Number(s1.tMs) + 3000);
  const ink2 = await rasterInk(page);
  assert.ok(ink2 > ink1 + 200, `raster pixels ${ink1} then ${ink2}`);
  // RS spikes on the lower rows, FS spikes above them.
  const [exc, inh] = [await colourPixels(page, 'plot-raster', EXC), await colourPixels(page, 'plot-raster', INH)];
  assert.ok(inh.medianRow < exc.medianRow, `FS row ${inh.medianRow}, RS row ${exc.medianRow}`);

  await page.click('#net-play');
  assert.equal(await page.textContent('#net-play'), 'Play');
  await page.waitForTimeout(150); // a piece already on its way may still land
  const paused = Number((await status(page)).tMs);
  await page.waitForTimeout(600);
  assert.equal(Number((await status(page)).tMs), paused, 'time must not move while paused');

  await page.click('#net-step');
  await waitT(page, paused + 100);
  await page.waitForTimeout(300);
  assert.equal(Number((await status(page)).tMs), paused + 100);

  await page.click('#net-play');
  assert.equal(await page.textContent('#net-play'), 'Pause');
  await waitT(page, paused + 1000);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a parameter changed while the network plays restarts it under the new value', async () => {
  const sets = { n: '2000', duration: '20000', stim: 'none' };
  const { page } = await open(env.browser, `${env.base}?v=2&${new URLSearchParams({ ...sets, b_e: '100' })}`);
  const g0 = Number((await status(page)).generation);
  await page.fill('#in-b_e', '0');
  await page.press('#in-b_e', 'Enter');
  await page.waitForFunction((g) => Number(document.getElementById('net-status').dataset.generation) > g, g0);
  await waitDone(page);
  const shown = await status(page);
  const native = cli({ ...sets, b_e: '0' });
  // The whole run was made with b_e = 0: the same spikes as the CLI's b_e = 0 network.
  assert.equal(Number(shown.spikesE), native.spikes_e);
  assert.equal(Number(shown.spikesI), native.spikes_i);
  // A change of a mean-field-only setting does not restart the network.
  const g1 = Number(shown.generation);
  await page.selectOption('#in-order', '1');
  await page.waitForFunction(() => location.search.includes('order=1'));
  await page.waitForTimeout(200);
  assert.equal(Number((await status(page)).generation), g1);
  // A change after the run has ended runs the new network (the user had not paused).
  await page.fill('#in-b_e', '30');
  await page.press('#in-b_e', 'Enter');
  await page.waitForFunction((g) => Number(document.getElementById('net-status').dataset.generation) > g, g1);
  await waitT(page, 1000);
  // Paused by the user, a change restarts at t = 0 and stays paused.
  await page.click('#net-play');
  await page.fill('#in-b_e', '40');
  await page.press('#in-b_e', 'Enter');
  await page.waitForTimeout(500);
  const s = await status(page);
  assert.equal(Number(s.tMs), 0);
  assert.equal(await page.textContent('#net-play'), 'Play');
  await page.close();
});

test('the page (wasm worker) and the CLI (native) make the same spikes for the same seeded link', async () => {
  // The AdEx network (also under OU noise: the stimulus's own random stream and libm's ln
  // and sqrt), and exact families' (the Cayley step): Chen–Campbell with per-neuron
  // adaptation, GSK with its threshold in the linear term under a sine (libm's sin): the same
  // bits in wasm and natively.
  for (const sets of [
    { n: '2000', duration: '1000', seed: '5', b_e: '20', stim: 'pulse', stim_t0: '400', stim_dur: '300', stim_amp: '2' },
    { n: '2000', duration: '1000', seed: '4', stim: 'ou', stim_amp: '1' },
    { model: 'izh_cc', n: '10000', duration: '600', seed: '3' },
    { model: 'izh_gsk', n: '10000', duration: '600', seed: '2', stim: 'sine', stim_t0: '0', stim_amp: '30', stim_freq: '7.3' },
  ]) {
    const { page } = await open(env.browser, `${env.base}?v=2&${new URLSearchParams(sets)}`);
    await waitDone(page);
    const shown = await status(page);
    const native = cli(sets);
    assert.ok(native.spikes_e > 1000, `${sets.model || 'adex'}: spikes ${native.spikes_e}`);
    assert.equal(Number(shown.spikesE), native.spikes_e, sets.model);
    assert.equal(Number(shown.spikesI), native.spikes_i, sets.model);
    assert.deepEqual(JSON.parse(shown.firstSpikes), native.first_raster_spikes, sets.model);
    assert.equal(Number(shown.nuE), native.mean_nu_e, sets.model);
    await page.close();
  }
});

test('a network that cannot exist is explained; the mean field still runs', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&n=300&connectivity=fixed_indegree`);
  const s = await status(page);
  assert.match(s.text, /No network: k_e .*raise n or lower k_e/);
  assert.ok((await colourPixels(page, 'plot-rates', EXC)).count > 300);
  assert.deepEqual(errors, []);
  await page.close();
});
