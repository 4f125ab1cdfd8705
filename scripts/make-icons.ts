// Render assets/icon.svg to the PNG sizes the stores and browsers ask for (public/icon/<size>.png).
// Run by hand after changing the SVG: `npx tsx scripts/make-icons.ts`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const root = resolve(import.meta.dirname, '..');
const svg = readFileSync(resolve(root, 'assets/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
for (const size of [16, 32, 48, 96, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`);
  await page.screenshot({ path: resolve(root, `public/icon/${size}.png`), omitBackground: true });
  await page.close();
}
await browser.close();
console.log('Wrote public/icon/{16,32,48,96,128}.png');
