// Issue 18 in headless Chromium against dist/: the page as a lecturer, a student and a phone
// see it. The main plot and the lesson are on the first screen at 1280×900, 1024×768 and
// 390 px; the embed, in an 800×600 frame of a page on another origin that runs no script,
// shows the title, the lesson, its sliders and the main plot with the full-page link at the
// top, nothing cut off and nothing scrolling, and a slider changes the plot inside the frame;
// the Embed dialog writes the size chosen; Pin draws the ghost, and the link keeps it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, open, colourPixels, canvasHash } from './harness.mjs';
import { serve } from '../../scripts/serve.mjs';

let env;
let host;
let hostDir;
before(async () => {
  env = await start();
  hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfe-host-'));
  host = await serve(hostDir, 0); // another port: another origin
});
after(async () => {
  await env?.close();
  await new Promise((r) => host.close(r));
  fs.rmSync(hostDir, { recursive: true, force: true });
});

const GHOST = [190, 160, 220];

// The rows (sorted, with the canvas height as .height) of the pixels of a canvas near a colour.
async function pixelRows(page, id, [r, g, b], tol) {
  const { rows, height } = await page.evaluate(({ id, r, g, b, tol }) => {
    const c = document.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const out = [];
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < tol && d[i + 3] > 200) out.push(Math.floor(i / 4 / c.width));
    }
    return { rows: out, height: c.height };
  }, { id, r, g, b, tol });
  rows.sort((a, b) => a - b);
  rows.height = height;
  return rows;
}
const rect = (page, sel) => page.$eval(sel, (e) => {
  const r = e.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
});

for (const [width, height] of [[1280, 900], [1024, 768], [390, 844]]) {
  test(`at ${width}×${height} the main plot and the lesson are on the first screen`, async () => {
    const { page, errors } = await open(env.browser, `${env.base}?v=2&lesson=fig4&step=1&n=1000`, { viewport: { width, height }, expand: false });
    await page.waitForFunction(() => document.querySelector('#lesson-title').textContent.length > 0);
    const plot = await rect(page, '#plot-rates');
    const lesson = await rect(page, '#lesson-title');
    const step = await rect(page, '#lesson-steps li[aria-current="step"]');
    assert.ok(plot.top >= 0 && plot.bottom <= height, `main plot ${JSON.stringify(plot)}`);
    assert.ok(plot.height > 250, `main plot tall enough (${plot.height} px)`);
    assert.ok(lesson.top < height && step.top < height, `lesson title at ${lesson.top}, its step at ${step.top}`);
    // The main plot is the rates: mean field (dark green) over the network.
    assert.equal(await page.$eval('#main-figure canvas', (c) => c.id), 'plot-rates');
    // Nothing wider than the screen.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
    // The lesson's sliders are in the lesson panel, with full names.
    assert.deepEqual(await page.$$eval('#lesson-controls .param', (rs) => rs.map((r) => r.dataset.key)), ['nu_drive', 'b_e', 'stim_amp']);
    assert.match(await page.$eval('#lesson-controls label[for="lc-in-b_e"]', (l) => l.textContent), /Adaptation jump b of the RS cells/);
    if (width < 900) {
      // The phone's bar of jump links stays on screen and reaches the parameters.
      await page.click('.phone-bar a[href="#controls"]');
      await page.waitForTimeout(300);
      const form = await rect(page, '#controls');
      assert.ok(form.top >= 0 && form.top < height, `parameters reached (${form.top})`);
      const bar = await rect(page, '.phone-bar');
      assert.ok(bar.top >= -1 && bar.top < 5, `the bar stays at the top (${bar.top})`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the parameters: the key ones first with full names, every other under Advanced, the model\'s own first', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&n=1000`, { expand: false });
  const keyRows = await page.$$eval('.key-params .param', (rs) => rs.filter((r) => !r.hidden).map((r) => r.dataset.key));
  assert.deepEqual(keyRows, ['model', 'b_e', 'tau_w_e', 'el_e', 'nu_drive', 'stim', 'stim_amp', 'n', 'duration']);
  assert.equal(await page.$eval('#advanced', (d) => d.open), false);
  assert.equal(await page.isVisible('#in-q_e'), false, 'advanced keys are folded away');
  const groups = await page.$$eval('#advanced fieldset legend', (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(groups.slice(0, 3), ['Model', 'Excitatory population (RS)', 'Inhibitory population (FS)']);
  // Another model: its own key parameters, its own groups first.
  await page.selectOption('#in-model', 'qif_sfa');
  await page.waitForFunction(() => document.body.dataset.model === 'qif_sfa');
  const sfa = await page.$$eval('.key-params .param', (rs) => rs.filter((r) => !r.hidden).map((r) => r.dataset.key));
  assert.deepEqual(sfa.slice(0, 5), ['model', 'qif_eta', 'qif_j', 'sfa_alpha', 'sfa_tau_a']);
  const sfaGroups = await page.$$eval('#advanced fieldset:not([hidden]) legend', (ls) => ls.map((l) => l.textContent));
  // Its own group first (the adaptation's two keys are both key parameters, so that group is gone).
  assert.deepEqual(sfaGroups.slice(0, 2), ['QIF population', 'Spiking network']);
  // A choice's label sits above its menu, so the menu shows its whole text.
  const sel = await page.$eval('#in-model', (s) => ({ w: s.getBoundingClientRect().width, sw: s.scrollWidth }));
  assert.ok(sel.w > 250, `model menu ${sel.w} px wide`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an 800×600 frame on another origin shows title, lesson, sliders and plot, and a slider moves the plot', async () => {
  const src = `${env.base}?v=2&lesson=fig4&step=1&n=1000&embed=1`;
  // The host page runs no script at all (as a course page that strips them).
  fs.writeFileSync(path.join(hostDir, 'index.html'), `<!doctype html><html lang="en"><head><title>Course</title><link rel="icon" href="data:,"></head><body style="margin:0"><h1 style="font-size:16px;margin:4px">Week 3: adaptation</h1><iframe src="${src.replace(/&/g, '&amp;')}" title="Mean-Field Explorer" width="800" height="600" style="border:0"></iframe></body></html>`);
  const hostUrl = `http://127.0.0.1:${host.address().port}/`;
  assert.notEqual(new URL(hostUrl).origin, new URL(env.base).origin);
  const page = await env.browser.newPage({ viewport: { width: 900, height: 700 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.text()) && errors.push(m.text()));
  await page.goto(hostUrl);
  await page.waitForFunction(() => true);
  let frame;
  for (let i = 0; i < 100 && !frame; i += 1) {
    frame = page.frames().find((f) => f.url().includes('embed=1'));
    if (!frame) await page.waitForTimeout(100);
  }
  await frame.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 20000 });
  await frame.waitForFunction(() => document.querySelector('#lesson-title').textContent.length > 0);
  await frame.waitForTimeout(500);
  const view = await frame.evaluate(() => {
    const box = (sel) => {
      const e = document.querySelector(sel);
      if (!e) return null;
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, shown: r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' };
    };
    const d = document.documentElement;
    return {
      scroll: { h: d.scrollHeight, ch: d.clientHeight, w: d.scrollWidth, cw: d.clientWidth },
      title: document.querySelector('#embed-title-text').textContent,
      link: box('#embed-full'),
      lesson: box('#lesson-title'),
      step: box('#lesson-steps li[aria-current="step"]'),
      stepText: document.querySelector('#lesson-steps li[aria-current="step"]').textContent,
      check: box('#lesson-check'),
      sliders: [...document.querySelectorAll('#lesson-controls .param')].map((r) => r.dataset.key),
      slider: box('#lc-range-nu_drive'),
      plot: box('#plot-rates'),
      hidden: ['.site-header', '#controls', '.more-plots', '.site-footer'].map((s) => getComputedStyle(document.querySelector(s)).display),
    };
  });
  assert.ok(view.scroll.h <= view.scroll.ch && view.scroll.w <= view.scroll.cw, `nothing scrolls inside the frame: ${JSON.stringify(view.scroll)}`);
  assert.equal(view.title, 'Mean-Field Explorer — di Volo et al. 2019, Fig 4');
  assert.match(await frame.textContent('#lesson-title'), /Adaptation shapes the response/);
  assert.ok(view.link.shown && view.link.top < 40, `the full-page link at the top (${view.link.top})`);
  for (const k of ['lesson', 'step', 'check', 'slider', 'plot']) {
    const b = view[k];
    assert.ok(b.shown && b.top >= 0 && b.bottom <= 600 && b.left >= 0 && b.right <= 800, `${k} inside the frame: ${JSON.stringify(b)}`);
  }
  assert.match(view.stepText, /ν_drive = 1.5 Hz/);
  assert.deepEqual(view.sliders, ['nu_drive', 'b_e', 'stim_amp']);
  assert.deepEqual(view.hidden, ['none', 'none', 'none', 'none']);
  const href = await frame.$eval('#embed-full', (a) => a.href);
  assert.match(href, /lesson=fig4/);
  assert.doesNotMatch(href, /embed=1/);
  // A slider in the frame changes the plot there.
  const h0 = await canvasHash(frame, 'plot-rates');
  await frame.fill('#lc-in-nu_drive', '4');
  await frame.press('#lc-in-nu_drive', 'Enter');
  await frame.waitForFunction(() => location.search.includes('nu_drive=4') && location.search.includes('embed=1'));
  await frame.waitForTimeout(300);
  assert.notEqual(await canvasHash(frame, 'plot-rates'), h0, 'the plot changed');
  assert.equal(await frame.$eval('#lesson-modified', (e) => e.hidden), false, 'the lesson says it is modified');
  // Every step of every lesson fits the frame.
  for (const id of await frame.$$eval('#lesson-select option', (os) => os.map((o) => o.value).filter(Boolean))) {
    await frame.goto(`${env.base}?v=2&lesson=${id}&step=1&embed=1`);
    await frame.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    const steps = await frame.$$eval('#lesson-steps li', (ls) => ls.length);
    for (let k = 1; k <= steps; k += 1) {
      if (k > 1) {
        await frame.click('#lesson-next');
        await frame.waitForFunction((k) => document.querySelector('#lesson-steps li[aria-current="step"]')?.dataset.step === String(k), k);
      }
      const fit = await frame.evaluate(() => ({ h: document.documentElement.scrollHeight, ch: document.documentElement.clientHeight, w: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
      assert.ok(fit.h <= fit.ch && fit.w <= fit.cw, `${id} step ${k} fits the frame: ${JSON.stringify(fit)}`);
    }
  }
  // `controls=` names the sliders.
  await frame.goto(`${env.base}?v=2&model=qif&embed=1&controls=qif_j,qif_eta`);
  await frame.waitForSelector('body[data-ready="1"]', { state: 'attached' });
  assert.deepEqual(await frame.$$eval('#lesson-controls .param', (rs) => rs.map((r) => r.dataset.key)), ['qif_j', 'qif_eta']);
  assert.match(await frame.$eval('#embed-title-text', (e) => e.textContent), /QIF exact mean field/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Embed dialog offers sizes and writes the matching frame', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&lesson=fig3a1&step=1&n=1000`);
  await page.click('#embed-open');
  const snippet = () => page.$eval('#embed-code', (t) => t.value);
  assert.match(await snippet(), /width="800" height="600"/);
  assert.match(await snippet(), /lesson=fig3a1&amp;step=1/);
  assert.doesNotMatch(await snippet(), /controls=/, 'the lesson\'s own sliders need no key');
  await page.selectOption('#embed-size', '1000x700');
  assert.match(await snippet(), /width="1000" height="700"/);
  await page.fill('#embed-controls', 'b_e, nosuch');
  assert.match(await snippet(), /controls=b_e"/);
  assert.match(await page.textContent('#embed-controls-note'), /left out: nosuch/);
  await page.click('#embed-close');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Pin keeps the run as a faint violet ghost under the new one, and the link keeps the pin', async () => {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&n=1000&duration=1500&stim=none`, { expand: false });
  assert.equal((await colourPixels(page, 'plot-rates', GHOST, 12)).count, 0, 'no ghost before Pin');
  await page.click('#pin');
  await page.fill('#in-nu_drive', '6');
  await page.press('#in-nu_drive', 'Enter');
  await page.waitForFunction(() => location.search.includes('pin=nu_drive%3D'));
  await page.waitForTimeout(300);
  const ghost = await colourPixels(page, 'plot-rates', GHOST, 12);
  assert.ok(ghost.count > 200, `ghost pixels: ${ghost.count}`);
  // In the ν_e panel (the lower 60 %) the ghost (the default drive) lies below the new curve
  // (a higher drive: a higher rate).
  const lower = (rows) => rows.filter((r) => r > 0.45 * rows.height);
  const ghostRows = await pixelRows(page, 'plot-rates', GHOST, 12);
  const nowRows = await pixelRows(page, 'plot-rates', [0, 128, 64], 30);
  const median = (v) => v[v.length >> 1];
  const [g, n] = [median(lower(ghostRows)), median(lower(nowRows))];
  assert.ok(g > n, `ghost at row ${g}, below the new curve at row ${n}`);
  assert.match(await page.textContent('#pin-label'), /ν_drive = 2\.5 Hz/);
  // The link draws the same ghost.
  const url = page.url();
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]');
  await page.waitForTimeout(300);
  assert.ok((await colourPixels(page, 'plot-rates', GHOST, 12)).count > 200, 'the ghost after a reload');
  assert.equal(page.url(), url);
  await page.click('#unpin');
  await page.waitForFunction(() => !location.search.includes('pin='));
  await page.waitForTimeout(200);
  assert.equal((await colourPixels(page, 'plot-rates', GHOST, 12)).count, 0, 'gone after Unpin');
  assert.deepEqual(errors, []);
  await page.close();
});
