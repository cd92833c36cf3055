// The book's Ghost routes, tried in a real Ghost 6 (its default theme,
// Source): each route published through the Admin API as Ghost's editor
// stores it (Lexical JSON), then read as a visitor in Chromium. What each
// route gives is what docs/src/embedding/ghost.md says.
//
// The widget (dist/) is served where it was built for (SITE_URL, the
// origin in dist/oembed.json: 127.0.0.1:8080 by default), another origin
// than Ghost's, as a blog's widget host would be. `ensure_ghost`
// (scripts/lib.sh) installs Ghost; without it the tests are skipped, unless
// E2E_GHOST is `required`, when they fail.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { DIST, OUTCOMES, QUESTIONS, WAIT, follow, linkCode } from './harness.mjs';
import { bookSnippet, widgetIn } from './embed-harness.mjs';
import { closeServers, freePort, recorder, until, walk } from './cms-visitor.mjs';
import { GHOST_HOME, bookmarkCard, ghostInstalled, htmlCard, lexicalDocument, paragraph, startGhost } from './ghost-harness.mjs';

const required = process.env.E2E_GHOST === 'required';
const skip = !ghostInstalled() && !required && `Ghost is not installed in ${GHOST_HOME} (scripts/test.sh installs it: ensure_ghost in scripts/lib.sh)`;

const env = { widget: null, widgetServer: null, noCors: null, ghost: null, browser: null, posts: {}, fetched: [] };

/** Every post opens with a paragraph: the content column the widget must sit in. */
const INTRO = 'Should we build this feature on retrieval or fine-tune a model? The flowchart below decides.';
/** That paragraph in the post's content (Source also shows it as the excerpt of other posts). */
const intro = (page) => page.locator('.gh-content p', { hasText: INTRO });
/** What the site-wide code injection puts in every page's head. */
const injection = () => `<script type="module" src="${env.widget}embed.js"></script>`;
const ELEMENT = '<decision-widget flow="rag-vs-fine-tuning" theme="auto"></decision-widget>';

/** dist/ served with no CORS headers at all, as a plain static host might. */
async function serveWithoutCors() {
  const types = { '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.html': 'text/html' };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname.replace(/^\/+/, '') || 'index.html';
    if (path.includes('..')) return res.writeHead(404).end();
    try {
      const body = await readFile(join(DIST, path));
      res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

before(async () => {
  if (skip) return;
  assert.ok(ghostInstalled(), `E2E_GHOST=required, but Ghost is not installed in ${GHOST_HOME}: run ensure_ghost (scripts/lib.sh)`);
  assert.ok(existsSync(join(DIST, 'index.html')), `no built site in ${DIST}: run the release build first`);
  const site = JSON.parse(readFileSync(join(DIST, 'oembed.json'), 'utf8')).provider_url;
  const { hostname, port } = new URL(site);
  assert.equal(hostname, '127.0.0.1', `dist/ must be built for a SITE_URL on 127.0.0.1 for this test (it is built for ${site})`);
  try {
    const served = await serve({ root: DIST, port: Number(port || 80), headers: (path) => (env.fetched.push(path), {}) });
    env.widgetServer = served.server;
    env.widget = served.url;
  } catch (error) {
    throw new Error(`cannot serve the widget on ${site}, where dist/ is built for (${error.code ?? error.message}). Stop what uses the port (scripts/serve.sh?).`);
  }
  env.noCors = await serveWithoutCors();
  env.ghost = await startGhost({ port: await freePort() });
  const publish = async (key, title, ...cards) => {
    env.posts[key] = await env.ghost.post(title, lexicalDocument(paragraph(INTRO), ...cards));
  };
  await publish('script', 'The script snippet in an HTML card', htmlCard(await bookSnippet('plain-html', env.widget)));
  await publish('iframe', 'The iframe snippet in an HTML card', htmlCard(await bookSnippet('iframe', env.widget)));
  await publish('no-cors', 'The script snippet from a host without CORS headers', htmlCard(await bookSnippet('plain-html', env.noCors.url)));
  await publish('injected', 'The element alone, the script in the site\'s code injection', htmlCard(ELEMENT));
  await publish('injected-two', 'Two widgets, the script in the site\'s code injection', htmlCard(ELEMENT), paragraph('And a second one.'), htmlCard(ELEMENT.replace('theme="auto"', 'theme="dark"')));
  env.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await env.browser?.close();
  await env.ghost?.stop();
  await closeServers([env.widgetServer, env.noCors?.server]);
});

// ---------------------------------------------------------------------------
// Reading a post as a visitor

/**
 * Opens `url` in a fresh visitor's context and runs `fn(page, { responses,
 * errors })` (every response, every console error so far).
 * Fails on any page error or console error in any frame (other than
 * `allowConsole`), and on any request to anywhere but Ghost and the
 * widget's sites.
 */
async function visit(url, fn, { clipboard = false, allowConsole = null, allowElsewhere = [] } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Each visit is a new context, so the widget's wasm compiles afresh;
  // with Ghost and the build sharing two busy cores that took over WAIT.
  context.setDefaultTimeout(3 * WAIT);
  const ghostOrigin = new URL(env.ghost.url).origin;
  const widgetOrigin = new URL(env.widget).origin;
  if (clipboard) {
    for (const origin of [widgetOrigin, ghostOrigin]) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  }
  await context.addInitScript(recorder);
  const problems = [];
  const responses = [];
  const errors = [];
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    errors.push(message.text());
    if (!allowConsole?.test(message.text())) problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  const allowed = [ghostOrigin, widgetOrigin, new URL(env.noCors.url).origin, ...allowElsewhere];
  context.on('request', (request) => {
    const target = request.url();
    if (!/^(data|blob|about):/.test(target) && !allowed.includes(new URL(target).origin)) problems.push(`request elsewhere: ${target}`);
  });
  context.on('response', (response) => responses.push(response));
  let failure = null;
  try {
    await page.goto(url);
    await fn(page, { responses, errors });
  } catch (error) {
    failure = error;
  } finally {
    await context.close().catch(() => {});
  }
  if (failure) {
    if (problems.length) failure.message += `\n(also: ${problems.join('; ')})`;
    throw failure;
  }
  assert.deepEqual(problems, [], 'no error in any frame, no request elsewhere');
}

/** The events the top page saw. */
const pageEvents = (page) => page.evaluate(() => window.__events.map(({ type, target, detail }) => ({ type, target, detail })));

/** Asserts that `locator` sits in the post's content column, edge to edge with the intro paragraph. */
async function assertInColumn(page, locator, what) {
  const [box, column] = await Promise.all([
    locator.evaluate((el) => el.getBoundingClientRect().toJSON()),
    intro(page).evaluate((el) => el.getBoundingClientRect().toJSON()),
  ]);
  assert.ok(column.width < 1280 - 100, `the theme has a content column narrower than the page (${column.width} px)`);
  assert.ok(Math.abs(box.left - column.left) <= 1 && Math.abs(box.right - column.right) <= 1, `${what} sits in the content column: ${JSON.stringify({ box: [box.left, box.right], column: [column.left, column.right] })}`);
}

/** The post's text size beside the widget's: its text, its title and its smallest text, in px. */
function sizes(page) {
  return page.evaluate((intro) => {
    const px = (el) => parseFloat(getComputedStyle(el).fontSize);
    const p = [...document.querySelectorAll('.gh-content p')].find((el) => el.textContent.includes(intro));
    const host = document.querySelector('decision-widget');
    const texts = [...host.shadowRoot.querySelectorAll('*')].filter(
      (el) => !el.closest('svg') && el.getClientRects().length && el.getBoundingClientRect().width > 1 && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()),
    );
    return {
      root: parseFloat(getComputedStyle(document.documentElement).fontSize),
      post: px(p),
      widget: px(host),
      title: px(host.shadowRoot.querySelector('.dw-title')),
      smallest: Math.min(...texts.map(px)),
    };
  }, INTRO);
}

/** The widget iframe's element height and the widget's height inside it. */
async function heights(iframe) {
  const frame = await (await iframe.elementHandle()).contentFrame();
  const widget = await frame.evaluate(() => Math.ceil(document.querySelector('decision-widget').getBoundingClientRect().height));
  const box = await iframe.evaluate((el) => ({ attribute: Number(el.getAttribute('height')), rendered: Math.round(el.getBoundingClientRect().height) }));
  return { widget, ...box };
}

/** Waits until the iframe is as tall as the widget in it; returns the heights. */
const fullHeight = (iframe, what) =>
  until(() => heights(iframe), (h) => h.attribute === h.widget && h.rendered === h.attribute, `the iframe's height follows the widget (${what})`);

/** Clicks "Copy link" and returns what the clipboard got. */
async function copyLink(page, w) {
  await w.host.getByRole('button', { name: 'Copy link', exact: true }).click();
  await w.host.locator('.dw-share p.dw-status', { hasText: 'Link copied' }).waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

// ---------------------------------------------------------------------------
// The routes

test('Ghost, HTML card with the script snippet: the widget in the column at the post\'s text size, a path to its outcome, events on the element, a share link that reopens it', { skip }, async (t) => {
  const post = env.posts.script;
  const card = post.lexical.root.children.find((node) => node.type === 'html');
  assert.match(card.html, new RegExp(`<script type="module" src="${env.widget}embed.js"></script>`), 'Ghost stores the HTML card as written');
  const answers = ['no', 'no', 'yes'];
  const link = post.url + '#' + linkCode(answers);
  await visit(post.url, async (page, { responses }) => {
    const w = widgetIn(page);
    await w.question.first().waitFor();
    await assertInColumn(page, w.host, 'the widget');
    const size = await sizes(page);
    t.diagnostic(`Source theme: root ${size.root} px, post text ${size.post} px; the widget's text ${size.widget} px, its title ${size.title} px, its smallest text ${size.smallest} px`);
    assert.equal(size.widget, size.post, "the widget's text is the post's");
    assert.ok(size.title >= size.post, 'the title is not smaller than the post\'s text');
    // The module script came from the widget's site in CORS mode.
    const script = responses.find((r) => r.url() === env.widget + 'embed.js');
    assert.equal((await script.request().allHeaders())['sec-fetch-mode'], 'cors', 'a module script is fetched with CORS');
    assert.equal((await script.allHeaders())['access-control-allow-origin'], '*');
    const outcome = await walk(w, answers);
    const events = await until(() => pageEvents(page), (e) => e.length === answers.length + 1, 'every event reached the page');
    assert.deepEqual(events.map((e) => `${e.type}@${e.target}`), ['decision-ready@decision-widget', ...answers.map(() => 'decision-change@decision-widget')]);
    assert.equal(events.at(-1).detail.outcome, outcome);
    assert.equal(events.at(-1).detail.link, link, 'share links lead to the post');
    const after = await sizes(page);
    assert.ok(after.smallest >= 0.8 * after.post, `no text of the widget's below 0.8 of the post's (${after.smallest} px beside ${after.post} px)`);
  });
  await visit(link, async (page) => {
    const w = widgetIn(page);
    await w.outcome.filter({ hasText: OUTCOMES[follow(answers).outcome].title }).waitFor();
    const events = await until(() => pageEvents(page), (e) => e.length >= 1, 'the reopened decision reached the page');
    assert.deepEqual(Object.values(events[0].detail.answers), answers);
  });
});

test('Ghost, HTML card with the iframe snippet and embed-host.js: in the column, as tall as the widget, events on the iframe, share links to the post', { skip }, async (t) => {
  const post = env.posts.iframe;
  const answers = ['no', 'no', 'no', 'yes'];
  const link = post.url + '#' + linkCode(answers);
  await visit(post.url, async (page) => {
    const iframe = page.locator('figure > iframe');
    const w = widgetIn(page.frameLocator('figure > iframe'));
    await w.question.first().waitFor();
    await assertInColumn(page, iframe, 'the iframe');
    const start = await fullHeight(iframe, 'at the start');
    const outcome = await walk(w, answers);
    const end = await fullHeight(iframe, 'at the outcome');
    t.diagnostic(`iframe snippet + embed-host.js: ${start.attribute} px at the start, ${end.attribute} px at the outcome`);
    const events = await until(() => pageEvents(page), (e) => e.at(-1)?.detail.outcome === outcome, 'the outcome reached the page');
    assert.ok(events.every((e) => e.target === 'iframe'), 'events are dispatched on the iframe');
    assert.equal(events.at(-1).detail.link, link, 'the event detail links to the post');
    assert.equal(await copyLink(page, w), link, '"Copy link" in the iframe copies a link to the post');
  }, { clipboard: true });
  await visit(link, async (page) => {
    const w = widgetIn(page.frameLocator('figure > iframe'));
    await w.outcome.filter({ hasText: OUTCOMES[follow(answers).outcome].title }).waitFor();
  });
});

test('Ghost, a pasted URL: the editor gets a bookmark card, not the widget; the card shows our title, description and preview.png', { skip }, async (t) => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const meta = (property) => html.match(new RegExp(`<meta property="og:${property}" content="([^"]*)"`))?.[1];
  // An Embed card asked for explicitly: Ghost 6 takes `rich` answers only
  // from the providers on its own list.
  const embed = await env.ghost.oembed(env.widget, 'embed');
  assert.equal(embed.status, 422);
  assert.match(embed.body.errors[0].context, /^No provider found for supplied URL\./, JSON.stringify(embed.body));
  // A pasted URL: the editor asks with no type, and gets a bookmark.
  const pasted = await env.ghost.oembed(env.widget);
  assert.equal(pasted.status, 200);
  assert.equal(pasted.body.type, 'bookmark', `a pasted URL becomes a bookmark: ${JSON.stringify(pasted.body)}`);
  const { metadata } = pasted.body;
  t.diagnostic(`Ghost's answer for a pasted URL: ${JSON.stringify(pasted.body)}`);
  assert.equal(metadata.title, meta('title').replaceAll('&amp;', '&'));
  assert.equal(metadata.description, meta('description').replaceAll('&amp;', '&'));
  assert.ok(env.fetched.includes('/oembed.json'), 'Ghost read the oEmbed response the page names');
  assert.ok(env.fetched.includes('/preview.png'), 'Ghost fetched the Open Graph image');
  assert.ok(metadata.thumbnail?.startsWith(env.ghost.url + 'content/images/'), `Ghost keeps its own copy of the image: ${metadata.thumbnail}`);
  // The page names no icon of its own (`data:,`): the card shows Ghost's
  // default link icon, from Ghost's CDN.
  assert.match(metadata.icon, /^https:\/\/static\.ghost\.org\/.*\/link-icon\.svg$/);
  const ghostCdn = new URL(metadata.icon).origin;

  const post = await env.ghost.post('A pasted URL', lexicalDocument(paragraph(INTRO), bookmarkCard(pasted.body)));
  await visit(post.url, async (page) => {
    const card = page.locator('figure.kg-bookmark-card');
    await card.waitFor();
    // Ghost adds its "ref" parameter to outbound links (its outbound link tagging).
    const href = new URL(await card.locator('a.kg-bookmark-container').getAttribute('href'));
    assert.equal(href.origin + href.pathname, env.widget, 'the card links to the article page');
    assert.equal((await card.locator('.kg-bookmark-title').textContent()).trim(), metadata.title);
    assert.equal((await card.locator('.kg-bookmark-description').textContent()).trim(), metadata.description);
    const image = card.locator('.kg-bookmark-thumbnail img');
    await until(() => image.evaluate((img) => img.complete && img.naturalWidth), (w) => w > 0, 'the preview image loads');
    const { src, width, height } = await image.evaluate((img) => ({ src: img.currentSrc, width: img.naturalWidth, height: img.naturalHeight }));
    const bytes = Buffer.from(await (await fetch(src)).arrayBuffer());
    assert.ok(bytes.equals(readFileSync(join(DIST, 'preview.png'))), `the card's image is our preview.png (${src}, ${width} × ${height})`);
    assert.equal(await page.locator('decision-widget, iframe').count(), 0, 'no widget on the page');
  }, { allowElsewhere: [ghostCdn], allowConsole: /Failed to load resource: net::ERR_/ });
});

test('Ghost, site-wide code injection: the module script once in every page\'s head, then <decision-widget> alone in HTML cards', { skip }, async () => {
  const saved = await env.ghost.settings({ codeinjection_head: injection() });
  assert.equal(saved.codeinjection_head, injection());
  try {
    await visit(env.posts.injected.url, async (page) => {
      assert.equal(await page.locator(`head script[src="${env.widget}embed.js"]`).count(), 1, 'the script is in the head once');
      const w = widgetIn(page);
      await assertInColumn(page, w.host, 'the widget');
      await walk(w, ['yes']);
    });
    await visit(env.posts['injected-two'].url, async (page) => {
      const [first, second] = [widgetIn(page, 'decision-widget >> nth=0'), widgetIn(page, 'decision-widget >> nth=1')];
      await walk(first, ['no', 'yes']);
      await second.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
      assert.equal(await second.host.getAttribute('theme'), 'dark');
      const events = await until(() => pageEvents(page), (e) => e.length === 4, 'both widgets are ready, the first one answered twice');
      assert.deepEqual(events.map((e) => e.type), ['decision-ready', 'decision-ready', 'decision-change', 'decision-change']);
    });
    // A post with the script in its card as well: still one definition, no error.
    await visit(env.posts.script.url, async (page) => {
      await widgetIn(page).question.first().waitFor();
    });
  } finally {
    await env.ghost.settings({ codeinjection_head: '' });
  }
});

test('Ghost, the widget from a host that sends no CORS headers: the browser refuses the module script, and nothing shows', { skip }, async () => {
  await visit(env.posts['no-cors'].url, async (page, { errors }) => {
    await intro(page).waitFor();
    await page.waitForLoadState('load');
    await until(() => errors, (e) => e.some((text) => /embed\.js.*blocked by CORS policy/.test(text)), 'the browser says it blocked embed.js');
    assert.equal(await page.evaluate(() => customElements.get('decision-widget') === undefined), true, 'the element is never defined');
    assert.equal(await page.locator('decision-widget').evaluate((el) => el.shadowRoot), null);
  }, { allowConsole: /CORS policy|Failed to load resource: net::ERR_FAILED/ });
});
