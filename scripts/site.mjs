// Build step for what other sites read about the widget: writes the oEmbed
// response (oembed.json), puts the site's public base URL into the pages'
// discovery, canonical and Open Graph tags, and renders the preview image
// (preview.png, 1200×630) from the engine's SVG of the chart in headless
// Chromium. Called by `cargo xtask dist` (xtask/src/main.rs):
//
//   SITE_URL=https://example.com/decide/ node scripts/site.mjs --dist dist.tmp --svg chart.svg
//
// SITE_URL is where dist/ is served publicly (default http://127.0.0.1:8080/).

import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

/** The base URL the source pages are written with; replaced by SITE_URL. */
export const DEFAULT_SITE_URL = 'http://127.0.0.1:8080/';
export const PREVIEW = { width: 1200, height: 630 };
/** The iframe's starting height before embed-host.js sizes it (px). */
export const FRAME_HEIGHT = 760;
const TITLE = 'RAG or Fine-Tuning? A 2026 Decision Framework';
const PAGES = ['index.html', 'embed.html'];

/** SITE_URL checked and ending in a slash. */
export function siteUrl(value = process.env.SITE_URL) {
  const raw = (value ?? '').trim() || DEFAULT_SITE_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SITE_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SITE_URL must be http or https: ${raw}`);
  if (url.search || url.hash) throw new Error(`SITE_URL must not have a query or fragment: ${raw}`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

const escapeAttribute = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The oEmbed `rich` response: an iframe of the widget alone, after a
 * fallback link to the article in a hidden <blockquote>.
 *
 * The blockquote is what makes WordPress size the frame for every author,
 * with no script of ours on the page: WordPress keeps a <blockquote> that
 * comes before an oEmbed iframe as the embed's fallback, and only then
 * loads its wp-embed.js, which shows the iframe and sets its height when
 * the frame posts WordPress's height message (embed-frame.js does).
 * WordPress strips the `hidden` attribute and shows the link until the
 * frame speaks; other consumers keep it hidden. The frame's `page` makes
 * the share links a reader copies in it lead to the article.
 */
export function oembed(site) {
  // The page's `:` and `/` may stay as they are in a query; it reads better.
  const page = encodeURIComponent(site).replace(/%3A/g, ':').replace(/%2F/g, '/');
  const src = new URL(`embed.html?flow=rag-vs-fine-tuning&page=${page}`, site);
  const html =
    `<blockquote class="wp-embedded-content" hidden><a href="${escapeAttribute(site)}">${escapeText(TITLE)}</a></blockquote>` +
    `<iframe src="${escapeAttribute(src.href)}" title="RAG or fine-tuning? Interactive decision flowchart" ` +
    `width="100%" height="${FRAME_HEIGHT}" frameborder="0" loading="lazy" allow="clipboard-write"></iframe>`;
  return {
    version: '1.0',
    type: 'rich',
    provider_name: 'decision-widget',
    provider_url: site,
    title: TITLE,
    html,
    width: 720,
    height: FRAME_HEIGHT,
    thumbnail_url: new URL('preview.png', site).href,
    thumbnail_width: PREVIEW.width,
    thumbnail_height: PREVIEW.height,
    cache_age: 86400,
  };
}

/** The preview card: the title beside the chart the engine draws. */
function card(svg) {
  const chart = 'data:image/svg+xml;base64,' + Buffer.from(svg).toString('base64');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    html, body { margin: 0; width: ${PREVIEW.width}px; height: ${PREVIEW.height}px; overflow: hidden; }
    body { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 48px; box-sizing: border-box;
      padding: 40px 64px; background: #f5f7fa; color: #1d2330;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
    .kicker { font-size: 26px; color: #1f5fbf; font-weight: 600; margin: 0 0 18px; }
    h1 { font-size: 58px; line-height: 1.1; margin: 0 0 24px; }
    p { font-size: 26px; line-height: 1.4; color: #505a69; margin: 0; }
    .chart { background: #fff; border: 2px solid #d5dae2; border-radius: 20px; padding: 16px; }
    img { display: block; height: 510px; width: auto; }
    .nw { white-space: nowrap; }
  </style></head><body>
    <div><p class="kicker">Interactive decision flowchart</p><h1>RAG or <span class="nw">fine-tuning?</span></h1>
    <p>Four yes/no questions, the whole chart with your path lit, and a recommendation you can take away.</p></div>
    <div class="chart"><img alt="" src="${chart}"></div>
  </body></html>`;
}

async function render(svg, out) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: PREVIEW, deviceScaleFactor: 1 });
    await page.setContent(card(svg), { waitUntil: 'load' });
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: out, type: 'png' });
  } finally {
    await browser.close();
  }
}

async function main() {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    if (i < 0 || !process.argv[i + 1]) throw new Error(`missing ${name}`);
    return process.argv[i + 1];
  };
  const dist = arg('--dist');
  const svg = await readFile(arg('--svg'), 'utf8');
  if (!svg.includes('<svg')) throw new Error('the chart SVG is empty');
  const site = siteUrl();
  for (const name of PAGES) {
    const path = join(dist, name);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.split(DEFAULT_SITE_URL).join(site));
  }
  await writeFile(join(dist, 'oembed.json'), JSON.stringify(oembed(site), null, 2) + '\n');
  await render(svg, join(dist, 'preview.png'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`error: ${error.message}`);
    process.exit(1);
  });
}
