import { start, open } from './harness.mjs';
const env = await start();
const { page, errors } = await open(env.browser, `${env.base}?model=qif&analysis=two_parameter`);
await page.waitForTimeout(4000);
console.log(await page.$eval('#analysis-status', (e) => e.textContent));
console.log(await page.$eval('#analysis-summary', (e) => e.textContent));
console.log(await page.$eval('#in-analysis', (e) => e.value), errors);
console.log(await page.$eval('#notices', (e) => e.textContent).catch(() => 'no notices el'));
await env.close();
