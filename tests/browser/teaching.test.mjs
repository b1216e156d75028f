// Issue 6 in headless Chromium against dist/: every example loads and draws; a copied link
// reproduces the scenario and the same spikes; the analysis worker computes, reports progress
// and can be cancelled;
// PNG/CSV/JSON exports are valid files and the JSON loads back; the keyboard reaches and
// changes every control; no request leaves 127.0.0.1; axe-core finds no serious violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { start, open } from './harness.mjs';

const require = createRequire(import.meta.url);
let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const SMALL = 'n=1000';

test('every example loads, draws and says what it reproduces', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&${SMALL}`);
  const ids = await page.$$eval('#preset option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(ids.length >= 20, `${ids.length} examples`);
  for (const id of ids) {
    await page.selectOption('#preset', id);
    await page.waitForFunction(() => document.querySelector('#preset-note').textContent.length > 20);
    await page.waitForTimeout(150);
    const s = await page.$eval('#readout', (e) => ({ text: e.textContent, nu: Number(e.dataset.nuE) }));
    assert.ok(Number.isFinite(s.nu), `${id}: ${s.text}`);
    const events = await page.$eval('#events', (e) => e.textContent);
    if (id !== 'izh-reference') assert.equal(events, '', `${id}: ${events}`);
    if (id.startsWith('divolo-fig')) assert.match(await page.$eval('#preset-note', (e) => e.textContent), /Fig \d/);
  }
  assert.deepEqual(errors, []);
});

test('a copied link reproduces the scenario and the same spikes', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&${SMALL}&duration=600&seed=7&b_e=40`);
  await page.waitForFunction(() => document.querySelector('#net-status').dataset.done === '1', null, { timeout: 30000 });
  const first = await page.$eval('#net-status', (e) => ({ spikes: e.dataset.firstSpikes, e: e.dataset.spikesE, url: location.href }));
  assert.ok(JSON.parse(first.spikes).length > 0);
  const again = await env.browser.newPage();
  await again.goto(first.url);
  await again.waitForFunction(() => document.querySelector('#net-status')?.dataset.done === '1', null, { timeout: 30000 });
  const second = await again.$eval('#net-status', (e) => ({ spikes: e.dataset.firstSpikes, e: e.dataset.spikesE }));
  assert.equal(second.spikes, first.spikes, 'same first spikes');
  assert.equal(second.e, first.e, 'same spike count');
  assert.equal(await again.$eval('#in-b_e', (e) => e.value), '40');
  assert.deepEqual(errors, []);
});

test('the analysis views compute in the worker with progress and can be cancelled', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&${SMALL}&coeffs=divolo2019-code&order=1&el_e=-63&nu_drive=0&b_e=0&stim=none`);
  await page.waitForFunction(() => /3 fixed points/.test(document.querySelector('#analysis-summary').textContent), null, { timeout: 20000 });
  const summary = await page.$eval('#analysis-summary', (e) => e.textContent);
  assert.match(summary, /saddle/);
  // A scan, and a map that is cancelled part way.
  await page.selectOption('#in-analysis', 'scan');
  await page.waitForFunction(() => /Scan of b \(E\) \[pA\] over 21 values/.test(document.querySelector('#analysis-summary').textContent), null, { timeout: 30000 });
  // The finished network run at b = 0 is a cross beside the scan, and the ends read 0 and 100.
  await page.waitForFunction(() => /1 network run\(s\) shown as crosses/.test(document.querySelector('#analysis-summary').textContent), null, { timeout: 30000 });
  assert.match(await page.$eval('#analysis-summary', (e) => e.textContent), / at 0, .* at 100\./);
  await page.selectOption('#in-analysis', 'bistability');
  await page.fill('#in-map_n', '41');
  await page.press('#in-map_n', 'Enter');
  await page.waitForFunction(() => !document.querySelector('#analysis-job').hidden, null, { timeout: 10000 });
  await page.click('#analysis-cancel');
  assert.match(await page.$eval('#analysis-status', (e) => e.textContent), /Cancelled/);
  await page.click('#analysis-compute');
  await page.waitForFunction(() => document.querySelector('#analysis-status').dataset.done === '1', null, { timeout: 60000 });
  assert.match(await page.$eval('#analysis-summary', (e) => e.textContent), /1681 cells: \d+ bistable/);
  assert.deepEqual(errors, []);
});

test('PNG, CSV and scenario JSON exports are valid and the JSON loads back', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&${SMALL}&b_e=25`);
  const grab = async (button) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    return fs.readFileSync(await dl.path());
  };
  await page.selectOption('#export-figure', 'rates');
  const png = await grab('#export-png');
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const width = png.readUInt32BE(16);
  const shown = await page.$eval('#plot-rates', (c) => c.clientWidth);
  assert.equal(width, 4 * shown, 'drawn at 4× the on-screen size');
  const csv = (await grab('#export-csv')).toString();
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'series,time (ms),rate (Hz)');
  assert.ok(lines.length > 100);
  assert.ok(lines.slice(1).every((l) => l.split(',').length === 3 && Number.isFinite(Number(l.split(',')[2]))));
  await page.selectOption('#export-figure', 'analysis');
  await page.waitForFunction(() => document.querySelector('#analysis-status').dataset.done === '1');
  const fpcsv = (await grab('#export-csv')).toString();
  assert.match(fpcsv.split('\n')[0], /^kind,nu_e_hz,f_hz/);
  const json = JSON.parse((await grab('#export-json')).toString());
  assert.equal(json.b_e, 25);
  // Load it back into a fresh page.
  const { page: other } = await open(env.browser, `${env.base}?v=2&${SMALL}`);
  const file = '/tmp/meanfield-scenario-test.json';
  fs.writeFileSync(file, JSON.stringify(json));
  await other.setInputFiles('#import-json', file);
  await other.waitForFunction(() => location.search.includes('b_e=25'));
  assert.equal(await other.$eval('#in-b_e', (e) => e.value), '25');
  // A broken file gives a message naming the problem and changes nothing.
  fs.writeFileSync(file, '{"b_e": "lots"}');
  await other.setInputFiles('#import-json', file);
  await other.waitForFunction(() => /b_e/.test(document.querySelector('#notices').textContent));
  assert.equal(await other.$eval('#in-b_e', (e) => e.value), '25');
  assert.deepEqual(errors, []);
});

test('the keyboard reaches and changes every control', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&${SMALL}`);
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  // The analysis computed on load enables Cancel only while it runs: wait until it has finished
  // (Cancel is also disabled before it starts, so that alone would not do), so the list of
  // controls does not change while Tab walks through it.
  await page.waitForFunction(() => document.querySelector('#analysis-status').dataset.done === '1'
    && document.querySelector('#analysis-cancel').disabled, null, { timeout: 60000 });
  const wanted = await page.$$eval('input, select, button, textarea, summary, a[href]', (els) => els
    .filter((e) => e.offsetParent !== null && !e.disabled && !e.closest('dialog'))
    .map((e) => e.id || e.textContent.trim()).filter(Boolean));
  const reached = new Set();
  await page.focus('body');
  for (let k = 0; k < 400 && reached.size < wanted.length; k += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.textContent.trim()));
    if (id) reached.add(id);
  }
  const missing = wanted.filter((w) => !reached.has(w));
  assert.deepEqual(missing, [], 'every visible control is reachable with Tab');
  // Change a slider with the arrow keys and a number by typing.
  await page.focus('#range-b_e');
  const before = await page.$eval('#in-b_e', (e) => Number(e.value));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((b) => Number(document.querySelector('#in-b_e').value) === b + 1, before);
  await page.focus('#in-nu_drive');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.search.includes('nu_drive=3'));
  // A select changes by typing the start of an option (type-ahead).
  await page.focus('#in-order');
  await page.keyboard.type('f');
  await page.waitForFunction(() => location.search.includes('order=1'));
  // A visible focus ring.
  await page.focus('#copy-link');
  assert.notEqual(await page.$eval('#copy-link', (e) => getComputedStyle(e).outlineStyle), 'none');
  assert.deepEqual(errors, []);
});

test('no request leaves 127.0.0.1, and axe-core finds no serious violation', async () => {
  const hosts = new Set();
  const { page, errors } = await open(env.browser, `${env.base}?v=2&${SMALL}`, {
    route: async (p) => p.on('request', (r) => hosts.add(new URL(r.url()).hostname)),
  });
  await page.waitForTimeout(1500);
  assert.deepEqual([...hosts].filter((h) => h !== '127.0.0.1' && h !== ''), []);
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const result = await page.evaluate(async (src) => {
    // eslint-disable-next-line no-eval
    (0, eval)(src);
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, source);
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, [], JSON.stringify(result, null, 1));
  assert.deepEqual(errors, []);
});

test('skip links, a keyboard-browsed select and a notice beside its control', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&${SMALL}`);
  // The first Tab reaches the skip links; following one moves the focus to the plots.
  await page.focus('body');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the main plot');
  assert.ok(await page.evaluate(() => document.activeElement.getBoundingClientRect().top >= 0), 'visible when focused');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'plots');
  // Arrow presses on the model select do not switch the model at each press: it commits once,
  // after the pause (or on Enter), so the network restarts once.
  await page.waitForFunction(() => document.querySelector('#net-status').dataset.generation !== undefined);
  const before = await page.$eval('#net-status', (e) => Number(e.dataset.generation));
  await page.focus('#in-model');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(250);
  assert.doesNotMatch(await page.evaluate(() => location.search), /model=/, 'not committed while browsing');
  await page.waitForFunction(() => /model=/.test(location.search), null, { timeout: 5000 });
  const chosen = await page.$eval('#in-model', (e) => e.value);
  assert.ok((await page.evaluate(() => location.search)).includes(`model=${chosen}`));
  await page.waitForTimeout(500);
  const after = await page.$eval('#net-status', (e) => Number(e.dataset.generation));
  assert.equal(after - before, 1, 'one restart for one committed choice');
  // Enter commits at once.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForFunction((c) => !location.search.includes(`model=${c}`), chosen, { timeout: 1000 });
  // A clamped value is said next to its field, where the reader is looking.
  await page.goto(`${env.base}?v=2&${SMALL}`);
  await page.waitForSelector('body[data-ready="1"]');
  await page.fill('#in-b_e', '9000');
  await page.press('#in-b_e', 'Enter');
  await page.waitForFunction(() => !document.querySelector('#note-b_e').hidden);
  const note = await page.$eval('#note-b_e', (e) => ({ text: e.textContent, role: e.getAttribute('role'), inRow: e.closest('.param').dataset.key }));
  assert.match(note.text, /b_e = 9000 is out of range/);
  assert.equal(note.role, 'status');
  assert.equal(note.inRow, 'b_e');
  // A value in range clears it.
  await page.fill('#in-b_e', '50');
  await page.press('#in-b_e', 'Enter');
  await page.waitForFunction(() => document.querySelector('#note-b_e').hidden);
  assert.deepEqual(errors, []);
});

test('a lesson in the link: its steps, checks that turn done, Do it, modified and back', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&lesson=fig4&step=1`);
  const state = () => page.evaluate(() => ({
    title: document.querySelector('#lesson-title').textContent,
    current: document.querySelector('#lesson-steps li[aria-current="step"]')?.dataset.step,
    check: document.querySelector('#lesson-check').textContent,
    done: document.querySelector('#lesson-check').dataset.done,
    modified: !document.querySelector('#lesson-modified').hidden,
    top: document.querySelector('#lesson').getBoundingClientRect().top,
  }));
  await page.waitForFunction(() => document.querySelector('#lesson-check').dataset.done === '1');
  let s = await state();
  assert.equal(s.title, 'Adaptation shapes the response to the same input');
  assert.equal(s.current, '1');
  assert.match(s.check, /^✓ Done: the mean field's rate, peak over 2000–2100 ms, above 3 Hz; measured 3\.34 Hz\.$/);
  assert.ok(s.top < 900, `the lesson is on the first screen (top ${s.top})`);
  assert.equal(s.modified, false);
  // A reload opens the same step with its text.
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]');
  assert.equal((await state()).current, '1');
  // Step 3 reads the network: it waits for the run, then turns done.
  await page.click('#lesson-next');
  await page.click('#lesson-next');
  await page.waitForFunction(() => location.search.includes('step=3'));
  assert.equal((await state()).current, '3');
  await page.waitForFunction(() => document.querySelector('#lesson-check').dataset.done === '1', null, { timeout: 60000 });
  assert.match((await state()).check, /^✓ Done: the network's rate, mean over 2000–2100 ms, within 30 % of the mean field's/);
  // Step 4: "Do it for me" raises the drive; its check holds.
  await page.click('#lesson-next');
  await page.click('#lesson-do');
  await page.waitForFunction(() => location.search.includes('nu_drive=7') && location.search.includes('step=4'));
  assert.equal(await page.inputValue('#in-nu_drive'), '7');
  await page.waitForFunction(() => document.querySelector('#lesson-check').dataset.done === '1');
  assert.equal((await state()).modified, false);
  // An edit marks the lesson modified, and the link carries it; "Back to this step" restores it.
  await page.fill('#in-b_e', '20');
  await page.press('#in-b_e', 'Enter');
  await page.waitForFunction(() => !document.querySelector('#lesson-modified').hidden);
  assert.ok((await page.evaluate(() => location.search)).includes('b_e=20'));
  await page.click('#lesson-restore');
  await page.waitForFunction(() => document.querySelector('#lesson-modified').hidden && !location.search.includes('b_e=20'));
  assert.ok(!(await page.evaluate(() => location.search)).includes('nu_drive=7'), 'back to step 4 before its action');
  // Leaving the lesson hides the panel and drops it from the link.
  await page.selectOption('#lesson-select', '');
  await page.waitForFunction(() => document.querySelector('#lesson').hidden && !location.search.includes('lesson='));
  assert.deepEqual(errors, []);
});
