// Screenshot of the analysis section once its job is done. Usage:
//   node tests/browser/shot-analysis.mjs OUT.png QUERY [WIDTHxHEIGHT]
import { start, open } from './harness.mjs';

const [out = 'analysis.png', query = '', size = '1280x900'] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const env = await start();
try {
  const { page, errors } = await open(env.browser, `${env.base}?${query}`, { viewport: { width, height } });
  const t0 = Date.now();
  await page.waitForFunction(() => document.getElementById('analysis-status').dataset.done === '1', null, { timeout: 120000 });
  console.log(`done after ${(Date.now() - t0) / 1000} s: ${await page.$eval('#analysis-status', (e) => e.textContent)}`);
  const sec = await page.$('#analysis-section');
  await sec.screenshot({ path: out });
  console.log(await page.$eval('#analysis-summary', (e) => e.textContent));
  if (errors.length) console.log(`console errors: ${errors.join('\n')}`);
} finally {
  await env.close();
}
