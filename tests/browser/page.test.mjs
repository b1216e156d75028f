// The page as a person sees it, in headless Chromium against the built site (dist/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, colourPixels, canvasHash, EXC, INH } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const notices = (page) => page.$$eval('#notices .notice', (ns) => ns.map((n) => n.textContent));

test('loads without console errors and draws both rates where they belong', async () => {
  // A version-1 link (made before the project's own fit became the default) keeps the official
  // coefficients, so the readout is the official code's value (adex_mf.md).
  const { page, errors } = await open(env.browser, `${env.base}?v=1`);
  assert.equal(await page.$eval('#in-coeffs', (e) => e.value), 'divolo2019-code');
  assert.deepEqual(errors, []);
  const exc = await colourPixels(page, 'plot-rates', EXC);
  const inh = await colourPixels(page, 'plot-rates', INH);
  assert.ok(exc.count > 500, `excitatory curve pixels: ${exc.count}`);
  assert.ok(inh.count > 300, `inhibitory curve pixels: ${inh.count}`);
  // ν_i (≈ 9 Hz) is drawn above ν_e (≈ 1.5 Hz): a smaller row index on the canvas.
  assert.ok(inh.medianRow < exc.medianRow, `inh row ${inh.medianRow} vs exc row ${exc.medianRow}`);
  for (const id of ['plot-w', 'plot-input']) {
    assert.ok((await colourPixels(page, id, EXC)).count > 300, id);
  }
  const readout = await page.textContent('#readout');
  assert.match(readout, /ν_e = 1\.49 Hz/);
  assert.match(readout, /ν_i = 9\.2 Hz/);
  assert.equal(await page.$$eval('#events .event', (e) => e.length), 0);
  // The official initial state (ν_i = 30 Hz) saturates c_ii for a few ms: a note, not a warning.
  assert.match(await page.textContent('#run-notes'), /c_ii was held at its cap .* between t = \d\.\d and \d\.\d ms/);
  assert.deepEqual(await notices(page), []);
  await page.close();
});

test('moving a control re-runs, redraws and updates the URL; a reload restores it', async () => {
  const { page, errors } = await open(env.browser, env.base);
  const before = await canvasHash(page, 'plot-rates');
  const readoutBefore = await page.textContent('#readout');
  // Keyboard on the native slider, as a person without a mouse would.
  await page.focus('#range-b_e');
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => location.search.includes('b_e=60'));
  assert.equal(await page.inputValue('#in-b_e'), '60');
  assert.notEqual(await canvasHash(page, 'plot-rates'), before);
  assert.notEqual(await page.textContent('#readout'), readoutBefore);
  // Typing into the numeric field.
  await page.fill('#in-el_e', '-63');
  await page.press('#in-el_e', 'Enter');
  await page.waitForFunction(() => location.search.includes('el_e=-63'));
  await page.selectOption('#in-order', '1');
  await page.waitForFunction(() => location.search.includes('order=1'));
  const url = page.url();
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]');
  assert.equal(page.url(), url);
  assert.equal(await page.inputValue('#in-b_e'), '60');
  assert.equal(await page.inputValue('#in-el_e'), '-63');
  assert.equal(await page.inputValue('#in-order'), '1');
  assert.equal(await page.inputValue('#range-b_e'), '60');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the stimulus menu shows only the controls of the chosen stimulus', async () => {
  const { page } = await open(env.browser, env.base);
  assert.equal(await page.isVisible('#in-stim_rise'), true);
  assert.equal(await page.isVisible('#in-stim_dur'), false);
  await page.selectOption('#in-stim', 'drive_off');
  await page.waitForFunction(() => location.search.includes('stim=drive_off'));
  assert.equal(await page.isVisible('#in-stim_dur'), true);
  assert.equal(await page.isVisible('#in-stim_rise'), false);
  // While the drive is off the input trace drops to zero: the input plot changes.
  const h = await canvasHash(page, 'plot-input');
  await page.fill('#in-stim_dur', '1000');
  await page.press('#in-stim_dur', 'Enter');
  await page.waitForFunction(() => location.search.includes('stim_dur=1000'));
  assert.notEqual(await canvasHash(page, 'plot-input'), h);
  await page.close();
});

test('switching the coefficient set and overlaying the stationary model change the plot', async () => {
  const { page, errors } = await open(env.browser, env.base);
  const r0 = await page.textContent('#readout');
  await page.selectOption('#in-coeffs', 'divolo2019-table1');
  await page.waitForFunction(() => location.search.includes('coeffs=divolo2019-table1'));
  assert.notEqual(await page.textContent('#readout'), r0);
  assert.match(await page.textContent('#coeff-info'), /Table 1/);
  const blueBefore = await colourPixels(page, 'plot-rates', [30, 80, 200]);
  await page.selectOption('#in-compare_stationary', '1');
  await page.waitForFunction(() => location.search.includes('compare_stationary=1'));
  const blue = await colourPixels(page, 'plot-rates', [30, 80, 200]);
  assert.ok(blue.count > blueBefore.count + 200, `stationary curve pixels ${blueBefore.count} -> ${blue.count}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a runaway of the second-order model is reported in the page', async () => {
  const { page } = await open(env.browser, `${env.base}?v=1&stim=step&stim_amp=3`);
  const events = await page.$$eval('#events .event', (e) => e.map((x) => x.textContent));
  assert.equal(events.length, 1, JSON.stringify(events));
  assert.ok((await page.textContent('#run-notes')).includes('held at its cap'));
  assert.match(events[0], /reached the 175 Hz cap at t = 20\d\d/);
  assert.match(events[0], /try order 1/);
  await page.selectOption('#in-order', '1');
  await page.waitForFunction(() => document.querySelectorAll('#events .event').length === 0);
  await page.close();
});

test('bad link values: unknown key, out of range, malformed number, script — notices and safe fallbacks', async () => {
  const q = '?v=2&frobnicate=2&b_e=1e9&el_e=abc&q_e=NaN&stim=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E';
  const { page, errors } = await open(env.browser, env.base + q);
  const ns = await notices(page);
  assert.ok(ns.some((n) => n.includes("'frobnicate' is not known")), JSON.stringify(ns));
  assert.ok(ns.some((n) => n.includes('b_e = 1e9 is out of range') && n.includes('using 500 pA')), JSON.stringify(ns));
  assert.ok(ns.some((n) => n.includes('el_e') && n.includes('not a number')), JSON.stringify(ns));
  assert.ok(ns.some((n) => n.includes('q_e') && n.includes('finite')), JSON.stringify(ns));
  assert.ok(ns.some((n) => n.includes('stim') && n.includes('expected one of')), JSON.stringify(ns));
  assert.equal(await page.$$eval('img', (i) => i.length), 0, 'a value must never become markup');
  assert.equal(await page.inputValue('#in-b_e'), '500');
  assert.equal(await page.inputValue('#in-el_e'), '-65');
  assert.equal(await page.inputValue('#in-stim'), 'double_gaussian');
  // The page still works, and the URL now only holds what is in force.
  assert.ok((await colourPixels(page, 'plot-rates', EXC)).count > 300);
  assert.equal(new URL(page.url()).search, '?v=2&b_e=500');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a malformed coefficient file is reported and the built-in copy is used', async () => {
  const route = async (page) => {
    await page.route('**/www/data/divolo2019-code.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"format": "meanfield-explorer/tf-coefficients", "version": 1, "id": "x"' }));
    await page.route('**/www/data/divolo2019-table1.json', (r) => r.fulfill({ status: 404, body: 'not found' }));
  };
  const { page } = await open(env.browser, `${env.base}?v=2&coeffs=divolo2019-code`, { route });
  const ns = await notices(page);
  assert.ok(ns.some((n) => n.includes("coefficient file 'www/data/divolo2019-code.json'") && n.includes('built into the program')), JSON.stringify(ns));
  assert.ok(ns.some((n) => n.includes('divolo2019-table1.json') && n.includes('HTTP 404')), JSON.stringify(ns));
  assert.match(await page.textContent('#readout'), /ν_e = 1\.49 Hz/);
  await page.close();
});

test('an inconsistent coefficient file (volts labelled mV) is refused by name', async () => {
  const route = async (page) => {
    await page.route('**/www/data/divolo2019-code.json', async (r) => {
      const res = await r.fetch();
      const body = (await res.text()).replace('"unit": "V"', '"unit": "mV"');
      await r.fulfill({ response: res, body });
    });
  };
  const { page } = await open(env.browser, env.base, { route });
  const ns = await notices(page);
  assert.ok(ns.some((n) => n.includes('cells.exc.p.p0') && n.includes('unit')), JSON.stringify(ns));
  await page.close();
});

test('plots are sharp on a HiDPI screen', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  await page.goto(env.base);
  await page.waitForSelector('body[data-ready="1"]');
  const size = await page.$eval('#plot-rates', (c) => ({ w: c.width, cw: c.clientWidth, h: c.height, ch: c.clientHeight }));
  assert.equal(size.w, size.cw * 2);
  assert.equal(size.h, size.ch * 2);
  // Drawn across the whole backing store, not squeezed into its top-left quarter.
  const exc = await colourPixels(page, 'plot-rates', EXC);
  assert.ok(exc.medianRow > size.h / 2, `median row ${exc.medianRow} of ${size.h}`);
  await page.close();
});

test('a typed absurd value is clamped with a notice; reset brings back the defaults and a bare link', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&b_e=60&order=1`);
  await page.fill('#in-tau_w_e', '1e12');
  await page.press('#in-tau_w_e', 'Enter');
  await page.waitForFunction(() => location.search.includes('tau_w_e=5000'));
  assert.equal(await page.inputValue('#in-tau_w_e'), '5000');
  const ns = await notices(page);
  assert.ok(ns.some((n) => n.includes('tau_w_e = 1e12 is out of range') && n.includes('using 5000 ms')), JSON.stringify(ns));
  await page.fill('#in-q_i', '-3');
  await page.press('#in-q_i', 'Enter');
  await page.waitForFunction(() => location.search.includes('q_i=0'));
  assert.ok((await notices(page)).some((n) => n.includes('q_i = -3 is out of range') && n.includes('using 0 nS')));
  assert.equal(await page.inputValue('#in-q_i'), '0', 'the field shows the value in force');
  await page.click('#reset');
  await page.waitForFunction(() => location.search === '?v=2');
  assert.equal(await page.inputValue('#in-b_e'), '100');
  assert.equal(await page.inputValue('#in-order'), '2');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page (wasm) and the CLI (native) give bit-identical results for the same seeded link', async () => {
  const { execFileSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const sets = { stim: 'ou', stim_amp: '1.5', stim_tau_ou: '20', order: '1', seed: '7', duration: '1500' };
  const { page } = await open(env.browser, `${env.base}?v=2&${new URLSearchParams(sets)}`);
  const shown = await page.$eval('#readout', (e) => ({ nu_e: Number(e.dataset.nuE), nu_i: Number(e.dataset.nuI), w_e: Number(e.dataset.wE) }));
  const args = ['run', '-q', '--release', '--bin', 'meanfield', '--', 'run', '--json', ...Object.entries(sets).flatMap(([k, v]) => ['--set', `${k}=${v}`])];
  const cli = JSON.parse(execFileSync('cargo', args, { cwd: root, maxBuffer: 1 << 26 }).toString());
  const last = (key) => cli[key][cli[key].length - 1];
  assert.deepEqual(shown, { nu_e: last('nu_e'), nu_i: last('nu_i'), w_e: last('w_e') });
  // And the seed matters.
  const other = JSON.parse(execFileSync('cargo', args.map((a) => (a === 'seed=7' ? 'seed=8' : a)), { cwd: root, maxBuffer: 1 << 26 }).toString());
  assert.notEqual(other.nu_e[other.nu_e.length - 1], shown.nu_e);
  await page.close();
});

test('a wasm module that fails to load gives a visible error with a working reload action', async () => {
  const route = async (page) => {
    await page.route('**/pkg/meanfield_explorer_bg.wasm', (r) => r.fulfill({ status: 200, contentType: 'application/wasm', body: 'not wasm' }));
  };
  const page = await env.browser.newPage();
  await route(page);
  await page.goto(env.base);
  await page.waitForSelector('#fatal:not([hidden])');
  assert.match(await page.textContent('#fatal-text'), /could not be loaded/);
  await page.unroute('**/pkg/meanfield_explorer_bg.wasm');
  await page.click('#fatal-reload');
  await page.waitForSelector('body[data-ready="1"]');
  assert.equal(await page.isVisible('#fatal'), false);
  await page.close();
});
