// Page-level benchmark (prints figures; not a test): time per update — one mean-field run of
// 2 s of model time plus drawing the three plots — in headless Chromium against dist/.
// Usage: node tests/browser/bench.mjs [updates per case, default 25]
import { start, open } from './harness.mjs';

const n = Number(process.argv[2] || 25);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const env = await start();
try {
  for (const [label, query] of [
    ['first order, 2 s', 'duration=2000&order=1'],
    ['second order, 2 s', 'duration=2000&order=2'],
    ['second order, 4 s (default page)', ''],
  ]) {
    const { page } = await open(env.browser, `${env.base}?v=2&${query}`);
    const run = [];
    const draw = [];
    for (let k = 0; k < n; k++) {
      const b = String(40 + (k % 50));
      await page.fill('#in-b_e', b);
      await page.press('#in-b_e', 'Enter');
      await page.waitForFunction((b) => location.search.includes(`b_e=${b}`), b);
      const d = await page.$eval('#readout', (e) => ({ run: Number(e.dataset.runMs), draw: Number(e.dataset.drawMs) }));
      run.push(d.run);
      draw.push(d.draw);
    }
    const total = run.map((r, i) => r + draw[i]);
    console.log(`${label.padEnd(34)} run ${median(run).toFixed(1)} ms, draw ${median(draw).toFixed(1)} ms, update ${median(total).toFixed(1)} ms (median of ${n}; max ${Math.max(...total).toFixed(1)} ms)`);
    await page.close();
  }
} finally {
  await env.close();
}
