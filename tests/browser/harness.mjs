// Shared set-up of the browser tests: serve dist/ on 127.0.0.1 and open pages in Debian's
// headless chromium, collecting console errors and uncaught exceptions.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(here, '../../dist');

export async function start() {
  const server = await serve(DIST, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

// Opens `url` and waits until the first run is drawn. Returns the page and its error log.
// `expand` (default) keeps "Advanced" and the "Share and export" menu open, in this page and
// after each reload, so the tests reach every control the way a reader who opened them does.
export async function open(browser, url, { route, viewport = { width: 1280, height: 900 }, expand = true } = {}) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  if (expand) await page.addInitScript(expandAll);
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  if (route) await route(page);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
  return { page, errors };
}

// Opens the parameter form's "Advanced" and the "Share and export" menu whenever they appear.
function expandAll() {
  const openThem = () => document.querySelectorAll('#advanced:not([open]), #share-menu:not([open])').forEach((d) => { d.open = true; });
  new MutationObserver(openThem).observe(document, { childList: true, subtree: true });
}

// Counts the pixels of a canvas close to an RGB colour, with the median row they sit in.
export async function colourPixels(page, id, [r, g, b], tol = 40) {
  return page.evaluate(({ id, r, g, b, tol }) => {
    const c = document.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const rows = [];
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < tol && d[i + 3] > 200) rows.push(Math.floor(i / 4 / c.width));
    }
    rows.sort((a, b) => a - b);
    return { count: rows.length, medianRow: rows.length ? rows[rows.length >> 1] : -1, height: c.height };
  }, { id, r, g, b, tol });
}

export async function canvasHash(page, id) {
  return page.evaluate((id) => {
    const c = document.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 7) h = (h * 31 + d[i]) >>> 0;
    return h;
  }, id);
}

export const EXC = [0, 128, 64];
export const INH = [200, 30, 40];
