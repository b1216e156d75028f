// Issue 7 in headless Chromium against dist/. One test per class of hostile input (a script in
// a link value, absurd sizes, malformed JSON files, NaN in a link, an unknown model, a mean
// field that overflows), each checking the message a person reads and that the page still
// works afterwards; the Content-Security-Policy; a panic in the page and in each worker; and
// the randomized UI test (?fuzz=500): no console error, no uncaught exception, no NaN on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, open } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const SMALL = 'n=1000&duration=1000';
const notices = (page) => page.$$eval('#notices .notice span', (es) => es.map((e) => e.textContent));

// The page still works: moving the drive slider (or, for an exact model, its excitability or
// background current) reruns the mean field and changes its readout.
async function stillWorks(page) {
  const before = await page.$eval('#readout', (e) => e.dataset.nuE);
  await page.evaluate(() => {
    const key = ['nu_drive', 'qif_eta', 'cc_eta', 'gsk_eta']
      .find((k) => !document.querySelector(`.param[data-key="${k}"]`).hidden);
    const r = document.querySelector(`#range-${key}`);
    const [lo, hi] = [Number(r.min), Number(r.max)];
    const v = Number(r.value);
    r.value = String(v + 0.1 * (hi - lo) <= hi ? v + 0.1 * (hi - lo) : v - 0.1 * (hi - lo));
    r.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction((b) => document.querySelector('#readout').dataset.nuE !== b, before, { timeout: 10000 });
  const nu = Number(await page.$eval('#readout', (e) => e.dataset.nuE));
  assert.ok(Number.isFinite(nu) && nu >= 0, `readout after a slider move: ${nu}`);
  assert.equal(await page.$eval('#fatal', (e) => e.hidden), true, 'no fatal error');
}

// Types `value` into the number box of `key` (opening its "More parameters" first).
async function typeValue(page, key, value) {
  await page.$eval(`#in-${key}`, (e) => {
    const more = e.closest('details');
    if (more) more.open = true;
  });
  await page.fill(`#in-${key}`, value);
  await page.dispatchEvent(`#in-${key}`, 'change');
}

test('a script in a link value is shown as text, never run', async () => {
  const script = '<script>window.__pwned=1</script>';
  const img = '<img src=x onerror="window.__pwned=2">';
  const q = `v=2&${SMALL}&b_e=${encodeURIComponent(script)}&${encodeURIComponent(img)}=1&coeffs=${encodeURIComponent(img)}`;
  const { page, errors } = await open(env.browser, `${env.base}?${q}`);
  const shown = await notices(page);
  assert.ok(shown.some((m) => m.includes('b_e') && m.includes('<script>') && /not a number/.test(m)), shown.join(' | '));
  assert.ok(shown.some((m) => m.includes('<img src=x') && /not known/.test(m)), shown.join(' | '));
  assert.ok(shown.some((m) => m.includes('coeffs') && /expected one of/.test(m)), shown.join(' | '));
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing ran');
  assert.equal(await page.$$eval('#notices img, #notices script', (es) => es.length), 0, 'no markup was made');
  assert.equal(await page.$eval('#in-b_e', (e) => e.value), '100', 'the default b is kept');
  assert.ok(!(await page.evaluate(() => location.search)).includes('script'), 'the link is rewritten clean');
  await stillWorks(page);
  assert.deepEqual(errors, []);
});

test('the Content-Security-Policy forbids inline and foreign scripts', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&${SMALL}`);
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  const violations = [];
  await page.exposeFunction('__violation', (v) => violations.push(v));
  await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.__violation(e.violatedDirective)));
  const blocked = await page.evaluate(async () => {
    const inline = document.createElement('script');
    inline.textContent = 'window.__inline = 1';
    document.body.append(inline);
    const foreign = document.createElement('script');
    foreign.src = 'https://example.invalid/x.js';
    document.body.append(foreign);
    await new Promise((r) => setTimeout(r, 300));
    return { inline: window.__inline };
  });
  assert.equal(blocked.inline, undefined, 'the inline script did not run');
  assert.ok(violations.filter((v) => v.startsWith('script-src')).length >= 2, `violations: ${violations}`);
  await stillWorks(page);
  // The browser reports the blocked attempts on the console; nothing else went wrong.
  assert.deepEqual(errors.filter((e) => !/Content Security Policy|example\.invalid/.test(e)), []);
});

test('absurd sizes are clamped or refused with a notice, never attempted', async () => {
  const q = 'v=2&n=1e9&duration=8.64e7&map_n=1000000&fr_n=1e6';
  const { page, errors } = await open(env.browser, `${env.base}?${q}`);
  const shown = await notices(page);
  assert.ok(shown.some((m) => /^n = 1e9 is out of range .*using 1000000 neurons/.test(m)), shown.join(' | '));
  assert.ok(shown.some((m) => /^duration = 8\.64e7 is out of range .*using 100000 ms/.test(m)), shown.join(' | '));
  assert.ok(shown.some((m) => /^map_n = 1000000 is out of range .*using 81\./.test(m)), shown.join(' | '));
  assert.ok(shown.some((m) => /^fr_n = 1e6 is out of range .*using 60\./.test(m)), shown.join(' | '));
  // The network is refused with the reason; the mean field runs.
  const status = await page.$eval('#net-status', (e) => e.textContent);
  assert.match(status, /^No network: n = '1000000': .*(neuron-steps|synapses) .*lower N/, status);
  assert.ok(Number.isFinite(Number(await page.$eval('#readout', (e) => e.dataset.nuE))));
  // A duration the step cannot afford is clamped, with the reason.
  await typeValue(page, 'dt_mf', '0.01');
  await page.waitForFunction(() => [...document.querySelectorAll('#notices .notice span')].some((e) => /steps is more than the 200000/.test(e.textContent)));
  assert.equal(await page.$eval('#in-dt_mf', (e) => e.value), '0.5', 'dt_mf raised to duration / 200 000');
  // Back to a sane size: the network runs.
  await typeValue(page, 'n', '1000');
  await page.waitForFunction(() => /^N = 1000 /.test(document.querySelector('#net-status').textContent), null, { timeout: 20000 });
  await page.waitForFunction(() => Number(document.querySelector('#net-status').dataset.tMs) > 0, null, { timeout: 20000 });
  await stillWorks(page);
  assert.deepEqual(errors, []);
});

test('NaN and infinities in a link are refused and the defaults kept', async () => {
  const q = `v=2&${SMALL}&b_e=NaN&el_e=Infinity&q_e=-1e999&tau_w_e=1e-400&seed=NaN`;
  const { page, errors } = await open(env.browser, `${env.base}?${q}`);
  const shown = await notices(page);
  for (const key of ['b_e', 'el_e', 'q_e', 'seed']) {
    assert.ok(shown.some((m) => m.includes(`${key} = `) && /finite number|not a number/.test(m)), `${key}: ${shown.join(' | ')}`);
  }
  assert.equal(await page.$eval('#in-b_e', (e) => e.value), '100');
  assert.equal(await page.$eval('#in-el_e', (e) => e.value), '-65');
  assert.equal(await page.$eval('#in-q_e', (e) => e.value), '1.5');
  // 1e-400 is 0 in floating point, below τ_w's range: clamped with a notice.
  assert.ok(shown.some((m) => m.startsWith('tau_w_e = 1e-400 is out of range')), shown.join(' | '));
  const text = await page.$eval('main', (e) => e.innerText);
  assert.doesNotMatch(text.replace(/[^\n]*(b_e|el_e|q_e|seed) = '[^']*'[^\n]*/g, ''), /\bNaN\b|Infinity/);
  await stillWorks(page);
  assert.deepEqual(errors, []);
});

test('a mean field that overflows says when, and what to change', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&model=qif&n=1000&v0=-900`);
  const events = await page.$eval('#events', (e) => e.textContent);
  assert.match(events, /^r blew up at t = 0\.1 ms \(it became infinite, not a number, or impossibly large or negative\), .*a smaller step dt_mf/, events);
  // The readout is the last physical state, not the garbage of the step before the overflow.
  const nu = Number(await page.$eval('#readout', (e) => e.dataset.nuE));
  assert.ok(nu >= 0 && nu < 1e3, `readout ${nu}`);
  // What the event suggests works.
  await typeValue(page, 'dt_mf', '0.01');
  await page.waitForFunction(() => document.querySelector('#events').textContent === '');
  assert.ok(Number(await page.$eval('#readout', (e) => e.dataset.nuE)) > 0);
  assert.deepEqual(errors, []);
});

test('an unknown model id is refused with the list of models', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&${SMALL}&model=hodgkin_huxley&qif_eta=3`);
  const shown = await notices(page);
  assert.ok(shown.some((m) => m.startsWith("Ignored model = 'hodgkin_huxley'") && /adex, izhikevich, qif/.test(m)), shown.join(' | '));
  assert.equal(await page.$eval('#in-model', (e) => e.value), 'adex');
  await stillWorks(page);
  // Another model still loads from the list.
  await page.selectOption('#in-model', 'qif');
  await page.waitForFunction(() => document.body.dataset.model === 'qif');
  assert.ok(Number.isFinite(Number(await page.$eval('#readout', (e) => e.dataset.nuE))));
  assert.deepEqual(errors, []);
});

test('malformed JSON files get a message naming the field, and change nothing', async () => {
  // A broken coefficient file on the server: the built-in copy is used, with a notice.
  const { page, errors } = await open(env.browser, `${env.base}?v=2&${SMALL}&coeffs=divolo2019-code`, {
    route: (p) => p.route('**/data/divolo2019-code.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"format": "meanfield-explorer/tf-coefficients", "version": 2, "cells": ' })),
  });
  const shown = await notices(page);
  assert.ok(shown.some((m) => /divolo2019-code/.test(m) && /EOF|expected/.test(m) && /built into the program/.test(m)), shown.join(' | '));
  assert.match(await page.$eval('#coeff-info', (e) => e.textContent), /di Volo/);
  // Scenario files: truncated, wrong types, absurd numbers, not JSON at all.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfe-'));
  const cases = [
    ['truncated.json', '{"model": "adex", "b_e": ', /the file is not JSON/],
    ['array.json', '[1, 2, 3]', /must be a JSON object/],
    ['type.json', '{"b_e": [40]}', /b_e = '\[40\]': expected a number or a string/],
    ['unknown.json', '{"b_e": 40, "warp_drive": 9}', /unknown parameter 'warp_drive'/],
    ['nan.json', '{"b_e": "NaN"}', /b_e = 'NaN': must be a finite number/],
    ['binary.bin', '\u0000\u0001\u0002', /the file is not JSON/],
  ];
  const before = await page.evaluate(() => location.search);
  for (const [name, body, expected] of cases) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, body);
    await page.$eval('#notices', (e) => e.replaceChildren());
    await page.setInputFiles('#import-json', file);
    await page.waitForFunction(() => document.querySelectorAll('#notices .notice').length > 0);
    const got = await notices(page);
    assert.ok(got.some((m) => expected.test(m)), `${name}: ${got.join(' | ')}`);
    assert.equal(await page.evaluate(() => location.search), before, `${name} changed the scenario`);
  }
  // A file far too large is not read at all.
  const big = path.join(dir, 'big.json');
  fs.writeFileSync(big, `{"b_e": 40, "pad": "${'x'.repeat(2_000_000)}"}`);
  await page.$eval('#notices', (e) => e.replaceChildren());
  await page.setInputFiles('#import-json', big);
  await page.waitForFunction(() => /MB; a scenario file is a few kB/.test(document.querySelector('#notices').textContent));
  assert.equal(await page.evaluate(() => location.search), before);
  await stillWorks(page);
  assert.deepEqual(errors, []);
});

test('a panic shows the error with a way out, in the page and in each worker', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&${SMALL}`);
  // Network worker: the error is reported, the worker replaced, Restart runs the network again.
  await page.waitForFunction(() => Number(document.querySelector('#net-status').dataset.tMs) > 0, null, { timeout: 20000 });
  await page.evaluate(() => window.meanfieldExplorer.simulatePanic('network'));
  await page.waitForFunction(() => /internal error/.test(document.querySelector('#net-status').textContent), null, { timeout: 10000 });
  assert.match(await page.$eval('#notices', (e) => e.textContent), /network stopped with an internal error: .*simulated internal error in the network worker/s);
  await page.click('#net-restart');
  await page.waitForFunction(() => /^N = 1000 /.test(document.querySelector('#net-status').textContent) && Number(document.querySelector('#net-status').dataset.tMs) > 0, null, { timeout: 20000 });
  // Analysis worker: reported, replaced, Compute works again.
  await page.evaluate(() => window.meanfieldExplorer.simulatePanic('analysis'));
  await page.waitForFunction(() => /internal error .*restarted/s.test(document.querySelector('#analysis-status').textContent), null, { timeout: 10000 });
  // A parameter change computes the analysis again in the new worker.
  await stillWorks(page);
  await page.waitForFunction(() => /^Computed/.test(document.querySelector('#analysis-status').textContent), null, { timeout: 20000 });
  // The page's own module: a visible error with a reload button that brings the page back.
  await page.evaluate(() => window.meanfieldExplorer.simulatePanic('page'));
  await page.waitForSelector('#fatal:not([hidden])');
  assert.match(await page.$eval('#fatal-text', (e) => e.textContent), /internal error: .*simulated internal error in the page/s);
  assert.equal(await page.$eval('#fatal-reload', (e) => e.textContent), 'Reload the page');
  await Promise.all([page.waitForNavigation(), page.click('#fatal-reload')]);
  await page.waitForSelector('body[data-ready="1"]');
  await stillWorks(page);
  // The console holds the panics (the hook's message, the trap) and nothing else.
  assert.ok(errors.length >= 1 && errors.every((e) => /simulated internal error|unreachable/.test(e)), errors.join('\n'));
});

test('randomized UI test: 500 random moves, no error, no NaN on screen', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?fuzz=500&fuzz_seed=1`);
  await page.waitForFunction(() => window.meanfieldFuzz && window.meanfieldFuzz.finished, null, { timeout: 600000, polling: 500 });
  const r = await page.evaluate(() => window.meanfieldFuzz);
  assert.equal(r.done, 500);
  assert.deepEqual(r.problems, [], JSON.stringify(r.problems.slice(0, 5), null, 1));
  assert.deepEqual(errors, [], `last moves: ${r.log.slice(-10).join('; ')}`);
  assert.match(await page.$eval('#fuzz-report', (e) => e.textContent), /500 random moves \(seed 1\), 0 problems/);
  await stillWorks(page);
});
