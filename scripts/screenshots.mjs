// Screenshots of the widget for the README: the start, the middle of the
// flow and a recommendation, on a phone (360 px) and a desktop (1280 px),
// on the demo page as built in dist/. Each is the widget alone, at 1×, and
// goes through pngquant when it is installed (apt-get install pngquant),
// which makes them a quarter of the size.
//
//   node scripts/screenshots.mjs [--dist dist] [--out docs/screenshots] [--lang de] [--dark]
//
// With --lang, the widget speaks that language (its `lang` attribute); with
// --dark, the reader's colour scheme is dark. Files are named
// `<state>-<width>[-<lang>][-dark].png`.

import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, speaking } from './chromium.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const dist = option('--dist', 'dist');
const out = option('--out', 'docs/screenshots');
const lang = option('--lang', null);
const dark = args.includes('--dark');

/** The states shot: answers from the start, in order. */
const STATES = [
  { name: 'start', answers: [] },
  { name: 'middle', answers: ['no', 'no'] },
  { name: 'outcome', answers: ['no', 'no', 'yes'] },
];

function hasPngquant() {
  try {
    execFileSync('pngquant', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

await mkdir(out, { recursive: true });
const quantise = hasPngquant();
const { server, url } = await serve({ root: dist, port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  for (const width of [360, 1280]) {
    for (const state of STATES) {
      const context = await browser.newContext({
        viewport: { width, height: width > 400 ? 900 : 740 },
        colorScheme: dark ? 'dark' : 'light',
        deviceScaleFactor: 1,
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      if (lang) {
        await page.addInitScript(speaking, lang);
      }
      await page.goto(url);
      await page.waitForFunction(() => document.querySelector('decision-widget')?.state);
      const host = page.locator('decision-widget');
      for (const answer of state.answers) {
        const before = await page.evaluate(() => document.querySelector('decision-widget').state.path.length);
        await host.locator('.dw-answer-buttons button').nth(answer === 'yes' ? 0 : 1).click();
        await page.waitForFunction((n) => document.querySelector('decision-widget').state.path.length > n, before);
      }
      // Nothing focused or hovered in the picture.
      await page.mouse.move(0, 0);
      await page.evaluate(() => document.activeElement?.blur());
      await page.evaluate(() => document.fonts.ready);
      const file = join(out, `${state.name}-${width}${lang ? `-${lang}` : ''}${dark ? '-dark' : ''}.png`);
      await host.screenshot({ path: file });
      if (quantise) execFileSync('pngquant', ['--force', '--skip-if-larger', '--quality=70-90', '--output', file, file]);
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
