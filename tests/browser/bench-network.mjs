// Page-level benchmark of the spiking network (prints figures; not a test): the page runs the
// network in its Web Worker at N = 2000 and N = 10 000 (b_e = 0, nu_drive = 2.5 Hz, 2 s of
// model time) while drawing every frame, as a user sees it. Prints model seconds per wall
// second over the run, the worker's wasm memory, the network's mean rates, and the time the
// last frame took to draw (raster, rates, W) on the main thread. With a model name (qif,
// qif_sfa, izh_cc, izh_gsk, izh_eta) it runs that exact family's network, no stimulus, at
// N = 10 000 for 10 s and 100 000 for 2 s instead (runs long enough that the first fraction of
// a second, before the browser has compiled the wasm with its optimising tier, hardly counts).
// Usage: node tests/browser/bench-network.mjs [MODEL]
import { start, open } from './harness.mjs';

const env = await start();
try {
  console.log('page (wasm in Chromium, Web Worker, drawing every frame)');
  console.log(`${'N'.padStart(7)} ${'model_s/s'.padStart(10)} ${'wall_s'.padStart(7)} ${'memory_MB'.padStart(10)} ${'nu_e_Hz'.padStart(8)} ${'nu_i_Hz'.padStart(8)} ${'frame_draw_ms'.padStart(14)}`);
  const model = process.argv[2];
  const sizes = model ? [10000, 100000] : [2000, 10000];
  const duration = (n) => (model && n === 10000 ? 10000 : 2000);
  const link = (n) => (model
    ? `${env.base}?v=2&model=${model}&n=${n}&stim=none&duration=${duration(n)}`
    : `${env.base}?v=2&n=${n}&b_e=0&nu_drive=2.5&stim=none&duration=2000`);
  if (model) console.log(`model ${model}, no stimulus, 10 s at N = 10 000, 2 s at N = 100 000`);
  for (const n of sizes) {
    const { page } = await open(env.browser, link(n));
    const t0 = Date.now();
    await page.waitForFunction(() => document.getElementById('net-status').dataset.done === '1', null, { timeout: 120000 });
    const wall = (Date.now() - t0) / 1000;
    const d = await page.$eval('#net-status', (e) => ({ ...e.dataset }));
    console.log(`${String(n).padStart(7)} ${Number(d.speedRun).toFixed(2).padStart(10)} ${wall.toFixed(2).padStart(7)} ${Number(d.memoryMb).toFixed(0).padStart(10)} ${Number(d.nuE).toFixed(2).padStart(8)} ${Number(d.nuI).toFixed(2).padStart(8)} ${Number(d.drawMs).toFixed(1).padStart(14)}`);
    await page.close();
  }
} finally {
  await env.close();
}
