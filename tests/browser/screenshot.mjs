// Screenshot of the built page in headless Chromium, in real time (unlike --virtual-time-budget,
// the timings in the readout are real). Usage:
//   node tests/browser/screenshot.mjs OUT.png [QUERY] [WIDTHxHEIGHT] [WAIT_MS]
// WAIT_MS lets the network run that long before the picture (default 0).
import { start, open } from './harness.mjs';

const [out = 'screenshot.png', query = '', size = '1280x860', wait = '0'] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const env = await start();
try {
  const { page, errors } = await open(env.browser, `${env.base}${query ? `?${query}` : ''}`, { viewport: { width, height } });
  await page.waitForTimeout(Number(wait));
  await page.screenshot({ path: out, fullPage: true });
  console.log(`${out}: ${page.url()}${errors.length ? `\nconsole errors: ${errors.join('\n')}` : ''}`);
} finally {
  await env.close();
}
