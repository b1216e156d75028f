// Long-session benchmark (prints figures; not a test): the page keeps the default AdEx network
// (N = 10 000) running for MINUTES of wall time, as a lecture's open tab would. Each run is
// 100 s of model time; when one ends the benchmark presses Play, which starts the next (a fresh
// recording, the wiring reused). Every 30 s it prints the network's speed, the runs finished,
// the page's JS heap and wasm memory, the worker's wasm memory and the resident memory of all
// Chromium processes, then the first-minute and last-minute figures side by side.
// Usage: node tests/browser/bench-long-session.mjs [MINUTES=10]
import { execFileSync } from 'node:child_process';
import { start, open } from './harness.mjs';

const minutes = Number(process.argv[2] || 10);
const SAMPLE_S = 30;

function chromiumRssMb() {
  const out = execFileSync('ps', ['-eo', 'rss=,comm='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => /chrom/.test(l)).reduce((s, l) => s + Number(l.trim().split(/\s+/)[0]), 0) / 1024;
}

const env = await start();
try {
  const { page, errors } = await open(env.browser, `${env.base}?v=2&duration=100000&analysis=fixed_points`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const t0 = Date.now();
  let runs = 0;
  let lastGeneration = null;
  const rows = [];
  console.log(`${'wall_s'.padStart(7)} ${'runs'.padStart(5)} ${'model_t_s'.padStart(10)} ${'model_s/s'.padStart(10)} ${'heap_MB'.padStart(8)} ${'page_wasm_MB'.padStart(13)} ${'worker_MB'.padStart(10)} ${'chromium_RSS_MB'.padStart(16)}`);
  let nextSample = 0;
  while ((Date.now() - t0) / 1000 < minutes * 60) {
    const d = await page.$eval('#net-status', (e) => ({ ...e.dataset }));
    if (d.done === '1' && Number(d.tMs) >= 99_999 && d.generation !== lastGeneration) {
      runs += 1;
      lastGeneration = d.generation;
      await page.click('#net-play'); // the next run
    }
    const wall = (Date.now() - t0) / 1000;
    if (wall >= nextSample) {
      nextSample += SAMPLE_S;
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value / 1e6;
      const wasm = (await page.evaluate(() => window.meanfieldExplorer.wasmMemoryBytes())) / 1e6;
      const row = { wall, runs, t: Number(d.tMs) / 1000, speed: Number(d.speed), heap, wasm, worker: Number(d.memoryMb), rss: chromiumRssMb() };
      rows.push(row);
      console.log(`${wall.toFixed(0).padStart(7)} ${String(runs).padStart(5)} ${row.t.toFixed(1).padStart(10)} ${row.speed.toFixed(2).padStart(10)} ${heap.toFixed(1).padStart(8)} ${wasm.toFixed(1).padStart(13)} ${row.worker.toFixed(1).padStart(10)} ${row.rss.toFixed(0).padStart(16)}`);
    }
    await page.waitForTimeout(500);
  }
  const first = rows.slice(1, 4); // after the first sample (t = 0, nothing running yet)
  const last = rows.slice(-3);
  const mean = (xs, k) => xs.reduce((s, r) => s + r[k], 0) / xs.length;
  const max = (k) => Math.max(...rows.map((r) => r[k]));
  console.log(`\n${minutes} min, ${runs} runs of 100 s finished; console errors: ${errors.length}`);
  for (const [k, label] of [['speed', 'model s per wall s'], ['heap', 'page JS heap MB'], ['wasm', 'page wasm MB'], ['worker', 'worker wasm MB'], ['rss', 'Chromium RSS MB']]) {
    console.log(`${label.padEnd(20)} minutes 0.5-2 ${mean(first, k).toFixed(2).padStart(8)}   last 1.5 min ${mean(last, k).toFixed(2).padStart(8)}   max ${max(k).toFixed(2).padStart(8)}`);
  }
} finally {
  await env.close();
}
