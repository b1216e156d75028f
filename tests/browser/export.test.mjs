// The "Run it in another simulator" exports: the buttons follow the model (each disabled one
// says why), and the page downloads, byte for byte, the script `meanfield export` writes for
// the same link (the golden files of tests/export.rs, which the simulator tests run).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, open } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const golden = (name) => readFileSync(path.resolve(here, '../golden', name), 'utf8');
const NETWORK = 'v=2&n=2000&connectivity=fixed_indegree&duration=1000&stim=pulse&stim_amp=1&stim_t0=500&stim_dur=300';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

async function buttons(page) {
  return page.$$eval('[data-export-target]', (bs) => bs.map((b) => ({ target: b.dataset.exportTarget, disabled: b.disabled, title: b.title })));
}

async function grab(page, target) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export-target="${target}"]`)]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

test('the AdEx network exports to NEST, Brian2 and TVB, the same bytes as the CLI', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?${NETWORK}`);
  const b = await buttons(page);
  assert.deepEqual(b.map((x) => [x.target, x.disabled]), [['nest', false], ['brian2', false], ['tvb', false], ['pyrates', true]]);
  assert.match(b[3].title, /Not for this model: .*exact/);
  assert.equal(await page.textContent('#export-script-note'), 'This model exports to NEST, Brian2, TVB.');

  const nest = await grab(page, 'nest');
  assert.equal(nest.name, 'meanfield-adex-nest.py');
  assert.equal(nest.text, golden('nest-adex.py'));
  assert.match(await page.textContent('#export-script-note'), /Saved meanfield-adex-nest\.py\. Run: python3 meanfield-adex-nest\.py > rates\.csv\. .*\(3 notes\)/);
  const brian2 = await grab(page, 'brian2');
  assert.equal(brian2.text, golden('brian2-adex.py'));
  assert.deepEqual(errors, []);
});

test('the official run exports to TVB with its coefficients', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2`);
  const tvb = await grab(page, 'tvb');
  assert.equal(tvb.name, 'meanfield-adex-tvb.py');
  assert.equal(tvb.text, golden('tvb-adex.py'));
  assert.match(await page.textContent('#export-script-note'), /> trace\.csv/);
  assert.deepEqual(errors, []);
});

test('switching to an exact model leaves PyRates alone, and it downloads that model', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2`);
  await page.selectOption('#in-model', 'qif');
  await page.waitForFunction(() => document.body.dataset.model === 'qif');
  const b = await buttons(page);
  assert.deepEqual(b.map((x) => [x.target, x.disabled]), [['nest', true], ['brian2', true], ['tvb', true], ['pyrates', false]]);
  assert.match(b[0].title, /NESTML/);
  assert.equal(await page.textContent('#export-script-note'), 'This model exports to PyRates.');
  const pr = await grab(page, 'pyrates');
  assert.equal(pr.name, 'meanfield-qif-pyrates.py');
  assert.equal(pr.text, golden('pyrates-qif.py'));
  // Back to the Izhikevich network: Brian2 only among the network targets.
  await page.selectOption('#in-model', 'izhikevich');
  await page.waitForFunction(() => document.body.dataset.model === 'izhikevich');
  assert.deepEqual((await buttons(page)).map((x) => x.disabled), [true, false, true, true]);
  assert.deepEqual(errors, []);
});
