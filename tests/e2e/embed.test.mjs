// Embedding in other people's pages: the script embed and the iframe embed
// on host pages served from another origin (a second port), the JS API,
// flow files by URL, isolation from host styles, strict CSP hosts, the
// sandboxed iframe, oEmbed and Open Graph, and the book's snippets.

import assert from 'node:assert/strict';
import { hostTest, policies, bookSnippet, useHosts, widgetIn, writeHost } from './embed-harness.mjs';
import { FLOW_ID, OUTCOMES, QUESTIONS } from './harness.mjs';

const env = useHosts();

const STRICT_SELF =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; require-trusted-types-for 'script'";
const STRICT_CROSS =
  "default-src 'none'; script-src {{WIDGET_ORIGIN}} 'wasm-unsafe-eval'; style-src {{WIDGET_ORIGIN}}; " +
  "img-src 'self' data:; connect-src {{WIDGET_ORIGIN}}; require-trusted-types-for 'script'";
policies.set('/csp-self.html', STRICT_SELF);
policies.set('/csp-cross.html', STRICT_CROSS);
policies.set('/iframe-csp.html', "default-src 'none'; frame-src {{WIDGET_ORIGIN}}");

const question = (id) => QUESTIONS[id].text;

async function walkToRag(w) {
  await w.question.filter({ hasText: question('data-freshness') }).waitFor();
  await w.answer('no');
  await w.question.filter({ hasText: question('citations') }).waitFor();
  await w.answer('yes');
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
}

// ---------------------------------------------------------------------------
// Script embed

hostTest('script embed on another origin renders, answers and tells the host', { path: 'script.html' }, async (h) => {
  const w = widgetIn(h.page);
  const [ready] = await h.waitForEvents(1);
  assert.equal(ready.type, 'decision-ready');
  assert.equal(ready.target, 'decision-widget');
  await walkToRag(w);
  const events = await h.waitForEvents(3);
  assert.deepEqual(events.map((e) => e.type), ['decision-ready', 'decision-change', 'decision-change']);
  assert.deepEqual(events[2].detail.answers, { 'data-freshness': 'no', citations: 'yes' });
  assert.equal(events[2].detail.outcome, 'rag');
  // The element keeps the latest state for hosts that did not listen.
  assert.deepEqual(await w.host.evaluate((el) => el.state), events[2].detail);
});

hostTest('the answers attribute and a new flow attribute apply after mount', { path: 'script.html' }, async (h) => {
  const w = widgetIn(h.page);
  await h.waitForEvents(1);
  const link = (await w.host.evaluate((el) => el.state.link)).replace(/#.*/, '');
  // Answers from a share link set as the attribute.
  await w.answer('no');
  const [, first] = await h.waitForEvents(2);
  await w.host.evaluate((el, code) => el.setAttribute('answers', code), first.detail.link.split('#')[1]);
  await w.answer('yes');
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  assert.ok(link.startsWith(env.host), 'share links point at the host page');
  // A flow file from the widget's site replaces the built-in flow.
  await w.host.evaluate((el, url) => el.setAttribute('flow', url), env.widget + 'hosts/flows/tea.json');
  await w.question.filter({ hasText: 'Are you tired?' }).waitFor();
  const ready = (await h.events()).at(-1);
  assert.equal(ready.type, 'decision-ready');
  assert.equal(ready.detail.flow, 'tea-or-coffee');
  assert.equal(ready.detail.flowVersion, 2);
  await w.answer('yes');
  await w.outcome.filter({ hasText: 'Coffee' }).waitFor();
  assert.equal((await h.events()).at(-1).detail.outcome, 'coffee');
});

/** Listeners on `window`, by type, as Chromium's DevTools count them. */
async function windowListeners(page) {
  const cdp = await page.context().newCDPSession(page);
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
  await cdp.detach();
  // Playwright adds its own; only the page's count.
  return listeners.map((l) => l.type).filter((type) => !type.startsWith('__playwright')).sort();
}

hostTest('removing the element releases its listeners; moving it keeps the widget', { path: 'blank.html' }, async (h) => {
  const { page } = h;
  await page.evaluate((base) => import(base + 'embed.js'), env.widget);
  const baseline = await windowListeners(page);
  await page.evaluate(() => {
    const el = document.createElement('decision-widget');
    el.id = 'w1';
    document.getElementById('slot').append(el);
  });
  const w = widgetIn(h.page);
  await h.waitForEvents(1);
  const mounted = await windowListeners(page);
  const added = mounted.filter((type) => !baseline.includes(type));
  assert.ok(added.includes('hashchange'), `the mounted widget listens to the page URL (added: ${added})`);
  await w.answer('no');
  await h.waitForEvents(2);
  // Moving keeps the state (no new decision-ready).
  await page.evaluate(() => document.body.append(document.getElementById('w1')));
  await w.question.filter({ hasText: question('citations') }).waitFor();
  // Removing releases everything.
  await page.evaluate(() => document.getElementById('w1').remove());
  await page.waitForFunction(() => !document.getElementById('w1')?.shadowRoot?.querySelector('.dw-root'));
  const left = await windowListeners(page);
  // (Playwright's clicks add input listeners of its own; the widget's is hashchange.)
  const count = (list) => list.filter((t) => t === 'hashchange').length;
  assert.equal(count(left), count(baseline), 'hashchange listener released');
  // Nothing fires any more, whatever the page does.
  await page.evaluate(() => (location.hash = '#dw1/rag-vs-fine-tuning@1/data-freshness=y'));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  assert.deepEqual((await h.events()).map((e) => e.type), ['decision-ready', 'decision-change']);
});

hostTest('two widgets on one page keep their answers, ids and events apart', { path: 'two.html' }, async (h) => {
  const one = widgetIn(h.page, '#w1');
  const two = widgetIn(h.page, '#w2');
  await h.waitForEvents(2);
  await one.answer('yes');
  await one.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  await two.answer('no');
  await two.answer('no');
  await two.answer('yes');
  await two.outcome.filter({ hasText: OUTCOMES['fine-tune'].title }).waitFor();
  await one.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  const events = await h.waitForEvents(6);
  const by = (id) => events.filter((e) => e.targetId === id);
  assert.deepEqual(by('w1').map((e) => e.detail.outcome), [null, 'rag']);
  assert.deepEqual(by('w2').map((e) => e.detail.outcome), [null, null, null, 'fine-tune']);
  const ids = await h.page.evaluate(() =>
    ['w1', 'w2'].map((id) => [...document.getElementById(id).shadowRoot.querySelectorAll('[id]')].map((e) => e.id)),
  );
  assert.ok(ids[0].length >= 3 && ids[1].length >= 3, 'both have element ids');
  assert.deepEqual(ids[0].filter((id) => ids[1].includes(id)), [], 'no id is shared');
});

hostTest('the JS API mounts, reads state, sets answers and destroys', { path: 'blank.html' }, async (h) => {
  const result = await h.page.evaluate(async (base) => {
    const { mountWidget } = await import(base + 'embed.js');
    const changes = [];
    const widget = mountWidget(document.getElementById('slot'), {
      flow: 'rag-vs-fine-tuning',
      answers: { 'data-freshness': 'no' },
      theme: 'dark',
      onChange: (state) => changes.push(state.outcome),
    });
    const ready = await widget.ready;
    const set = await widget.setAnswers({ 'data-freshness': 'no', citations: 'no', style: 'yes' });
    let refused = null;
    try {
      await widget.setAnswers({ budget: 'yes' });
    } catch (error) {
      refused = error.message;
    }
    const fromLink = await widget.setAnswers(ready.link);
    const cleared = await widget.setAnswers(null);
    const again = await widget.setAnswers({ 'data-freshness': 'yes' });
    const theme = widget.element.getAttribute('theme');
    widget.destroy();
    return { ready, set, refused, fromLink, cleared, again, changes, theme, left: document.querySelectorAll('decision-widget').length, state: widget.state };
  }, env.widget);
  assert.deepEqual(result.ready.answers, { 'data-freshness': 'no' });
  assert.equal(result.set.outcome, 'fine-tune');
  assert.match(result.refused, /has no question `budget`/);
  assert.deepEqual(result.fromLink.answers, { 'data-freshness': 'no' });
  assert.deepEqual(result.cleared.answers, {});
  assert.equal(result.again.outcome, 'rag');
  assert.deepEqual(result.changes, ['fine-tune', null, null, 'rag']);
  assert.equal(result.theme, 'dark');
  assert.equal(result.left, 0);
  assert.equal(result.state, null);
});

hostTest('setAnswers re-applies answers the reader has since changed', { path: 'blank.html' }, async (h) => {
  await h.page.evaluate(async (base) => {
    const { mountWidget } = await import(base + 'embed.js');
    window.w = mountWidget(document.getElementById('slot'), {});
    await window.w.setAnswers({ 'data-freshness': 'yes' });
  }, env.widget);
  const w = widgetIn(h.page);
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  await w.host.getByRole('button', { name: 'Start over' }).click();
  await w.question.filter({ hasText: question('data-freshness') }).waitFor();
  const state = await h.page.evaluate(() => window.w.setAnswers({ 'data-freshness': 'yes' }));
  assert.equal(state.outcome, 'rag');
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
});

// ---------------------------------------------------------------------------
// Flow files

hostTest('flow files: one from the widget site works; a 404, an invalid file and bad JSON show what is wrong', {
  path: 'flows.html',
  allowConsole: /404/,
}, async (h) => {
  const remote = widgetIn(h.page, '#remote');
  await remote.question.filter({ hasText: 'Are you tired?' }).waitFor();
  await remote.answer('no');
  await remote.answer('yes');
  await remote.outcome.filter({ hasText: 'Herbal tea' }).waitFor();

  const missing = widgetIn(h.page, '#missing').error;
  await missing.waitFor();
  assert.match(await missing.textContent(), new RegExp(`${env.host}flows/missing\\.json could not be loaded: the server answered 404`));
  assert.equal(await missing.getAttribute('role'), 'alert');

  const invalid = widgetIn(h.page, '#invalid').error;
  await invalid.waitFor();
  const text = await invalid.textContent();
  assert.match(text, new RegExp(`${env.host}flows/invalid\\.json`), 'names the file');
  assert.match(text, /question `late`: answer `yes` leads to unknown node `chamomile`/, 'names the node');

  const broken = widgetIn(h.page, '#broken').error;
  await broken.waitFor();
  assert.match(await broken.textContent(), /flows\/broken\.json has problems:[\s\S]*(JSON|line \d+)/, 'names the file and the syntax error');

  const errors = (await h.events()).filter((e) => e.type === 'decision-error').map((e) => e.targetId).sort();
  assert.deepEqual(errors, ['broken', 'invalid', 'missing']);
});

// ---------------------------------------------------------------------------
// Isolation

/** Computed styles and box sizes of the widget's key elements. */
function measureWidget() {
  const root = document.getElementById('w1').shadowRoot;
  const props = ['color', 'backgroundColor', 'fontSize', 'fontWeight', 'fontStyle', 'lineHeight', 'letterSpacing',
    'wordSpacing', 'textTransform', 'textAlign', 'textDecorationLine', 'whiteSpace', 'marginTop', 'paddingTop',
    'borderTopWidth', 'borderTopStyle', 'display', 'boxSizing', 'cursor', 'fill', 'stroke', 'strokeWidth'];
  const selectors = ['.dw', 'h2.dw-title', 'h3.dw-question-text', '.dw-answer-buttons button', 'svg.dw-chart-svg',
    'g.dw-node rect', 'g.dw-node text', 'path.dw-edge-line', '.dw-progress', '.dw-body > div'];
  const out = {};
  for (const selector of selectors) {
    const el = root.querySelector(selector);
    if (!el) throw new Error(`no ${selector}`);
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    out[selector] = { size: [Math.round(box.width), Math.round(box.height)], ...Object.fromEntries(props.map((p) => [p, style[p]])) };
  }
  return out;
}

hostTest('a host stylesheet restyling *, button, svg and div leaves the widget unchanged', { path: 'hostile.html' }, async (h) => {
  await h.waitForEvents(1);
  const w = widgetIn(h.page);
  await w.question.waitFor();
  // The hostile sheet is in force on the host page.
  assert.equal(await h.page.evaluate(() => getComputedStyle(document.querySelector('h1') ?? document.body).color), 'rgb(255, 0, 0)');
  const hostile = await h.page.evaluate(measureWidget);
  await h.page.evaluate(() => (document.getElementById('hostile').disabled = true));
  const plain = await h.page.evaluate(measureWidget);
  for (const selector of Object.keys(plain)) assert.deepEqual(hostile[selector], plain[selector], selector);
  // The widget's own look, not the browser's defaults.
  assert.notEqual(plain['.dw-answer-buttons button'].color, 'rgb(255, 0, 0)');
});

// ---------------------------------------------------------------------------
// Strict CSP hosts

for (const [name, path, widgetOrigin] of [
  ['the issue’s exact policy, host on the widget’s origin', 'csp-self.html', true],
  ['the policy with the widget’s origin, host on another origin', 'csp-cross.html', false],
]) {
  hostTest(`script embed under a strict CSP with Trusted Types (${name}) reports no violation`, { path, widgetOrigin }, async (h) => {
    const w = widgetIn(h.page);
    await h.waitForEvents(1);
    await walkToRag(w);
    await h.waitForEvents(3);
    // The widget's stylesheets applied (they come from the widget's origin).
    assert.notEqual(await w.host.locator('.dw').evaluate((el) => getComputedStyle(el).borderTopStyle), 'none');
  });
}

// ---------------------------------------------------------------------------
// Iframe embed

/** The frame's widget height and the iframe element's height, once they agree. */
async function heightsAgree(page) {
  const frame = page.frame({ url: /embed\.html/ });
  const handle = await page.waitForFunction(async () => {
    const iframe = document.getElementById('f1');
    return iframe && Number(iframe.getAttribute('height')) > 300 ? Number(iframe.getAttribute('height')) : null;
  });
  const attribute = await handle.jsonValue();
  const content = await frame.evaluate(() => Math.ceil(document.querySelector('decision-widget').getBoundingClientRect().height));
  const rendered = await page.evaluate(() => document.getElementById('f1').getBoundingClientRect().height);
  return { attribute, content, rendered };
}

async function waitHeight(page, predicate, arg) {
  await page.waitForFunction(
    ([source, arg]) => new Function('h', 'arg', `return (${source})(h, arg)`)(Number(document.getElementById('f1').getAttribute('height')), arg),
    [predicate.toString(), arg],
  );
}

hostTest('iframe embed: height follows the content and events reach the iframe element', { path: 'iframe.html' }, async (h) => {
  const { page } = h;
  const frame = page.frameLocator('#f1');
  const w = widgetIn(frame);
  await w.question.waitFor();
  const first = await heightsAgree(page);
  assert.equal(first.attribute, first.content, 'the iframe is as tall as the widget');
  assert.equal(Math.round(first.rendered), first.attribute);
  const [ready] = await h.waitForEvents(1);
  assert.equal(ready.type, 'decision-ready');
  assert.equal(ready.target, 'iframe');
  assert.equal(ready.targetId, 'f1');

  await w.answer('yes');
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  // The outcome is taller than the question: the iframe grows with it.
  await waitHeight(page, (h, before) => h > before + 100, first.attribute);
  const second = await heightsAgree(page);
  assert.equal(second.attribute, second.content);
  assert.equal(Math.round(second.rendered), second.attribute);
  const events = await h.waitForEvents(2);
  assert.equal(events[1].type, 'decision-change');
  assert.equal(events[1].target, 'iframe');
  assert.deepEqual(events[1].detail.answers, { 'data-freshness': 'yes' });
  assert.equal(events[1].detail.outcome, 'rag');

  // Start over: it shrinks again.
  await w.host.getByRole('button', { name: 'Start over' }).click();
  await waitHeight(page, (h, before) => h < before, second.attribute);
  const third = await heightsAgree(page);
  assert.equal(third.attribute, third.content);
});

hostTest('the host script ignores messages from elsewhere and malformed ones', { path: 'iframe.html' }, async (h) => {
  const { page } = h;
  const frame = page.frame({ url: /embed\.html/ });
  await widgetIn(page.frameLocator('#f1')).question.waitFor();
  await h.waitForEvents(1);
  const height = await heightsAgree(page);
  // The host page itself, pretending to be the widget.
  await page.evaluate(() => {
    window.postMessage({ type: 'decision-widget:height', height: 5 }, '*');
    window.postMessage({ type: 'decision-widget:change', detail: { flow: 'x', flowVersion: 1, answers: {}, path: [], outcome: null, link: '' } }, '*');
  });
  // The frame, with malformed messages.
  await frame.evaluate(() => {
    const p = window.parent;
    p.postMessage({ type: 'decision-widget:height', height: '12' }, '*');
    p.postMessage({ type: 'decision-widget:height', height: -1 }, '*');
    p.postMessage({ type: 'decision-widget:height', height: 1e9 }, '*');
    p.postMessage({ type: 'decision-widget:change', detail: { flow: 'x', answers: { a: 'maybe' } } }, '*');
    p.postMessage({ type: 'decision-widget:change', event: 'click', detail: null }, '*');
    p.postMessage('decision-widget:height', '*');
    // Then one well-formed message, so we know the others were read first.
    p.postMessage({ type: 'decision-widget:height', height: 777 }, '*');
  });
  await page.waitForFunction(() => document.getElementById('f1').getAttribute('height') === '777');
  assert.equal((await h.events()).length, 1, 'no forged or malformed event was dispatched');
  assert.ok(height.attribute > 300);
});

hostTest('iframe embed on a host whose CSP allows only frame-src for the widget', { path: 'iframe-csp.html' }, async (h) => {
  const w = widgetIn(h.page.frameLocator('#f1'));
  await walkToRag(w);
  const inner = h.page.frame({ url: /embed\.html/ });
  const events = await h.waitForEvents(3, inner);
  assert.equal(events.at(-1).detail.outcome, 'rag');
});

hostTest('iframe embed in <iframe sandbox="allow-scripts">: works, says saving is unavailable', { path: 'sandbox.html' }, async (h) => {
  const { page } = h;
  const w = widgetIn(page.frameLocator('#f1'));
  await w.question.waitFor();
  const origin = await page.frame({ url: /embed\.html/ }).evaluate(() => self.origin);
  assert.equal(origin, 'null', 'the frame has an opaque origin');
  await w.answer('no');
  await w.answer('yes');
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  // Said where the reader goes to save.
  await w.host.getByRole('button', { name: 'Save', exact: true }).click();
  await w.host.getByText('Saving is unavailable', { exact: false }).first().waitFor();
  const events = await h.waitForEvents(3);
  assert.deepEqual(events.map((e) => `${e.type}@${e.target}`), ['decision-ready@iframe', 'decision-change@iframe', 'decision-change@iframe']);
  const agreed = await heightsAgree(page);
  assert.equal(agreed.attribute, agreed.content);
});

// ---------------------------------------------------------------------------
// Share links made in the iframe

/** Lets both origins use the clipboard: the frame writes, the host page reads. */
async function grantClipboard(h) {
  for (const origin of [env.widgetOrigin, env.hostOrigin]) {
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  }
}

/** Clicks "Copy link" in the widget `w` and returns what the clipboard holds. */
async function copiedLink(h, w) {
  await h.page.evaluate(() => navigator.clipboard.writeText(''));
  await w.host.getByRole('button', { name: 'Copy link', exact: true }).click();
  await w.host.locator('.dw-share p.dw-status', { hasText: 'Link copied' }).waitFor();
  return h.page.evaluate(() => navigator.clipboard.readText());
}

const code = (...answers) =>
  ['dw1/rag-vs-fine-tuning@1', ...answers.map((a, i) => `${Object.keys(QUESTIONS)[i]}=${a === 'yes' ? 'y' : 'n'}`)].join('/');

hostTest('iframe embed with embed-host.js: share links lead to the host page, and opening one reopens the decision in the iframe', { path: 'iframe.html' }, async (h) => {
  const { page } = h;
  await grantClipboard(h);
  const w = widgetIn(page.frameLocator('#f1'));
  await w.answer('no');
  await w.answer('yes');
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  const link = env.host + 'iframe.html#' + code('no', 'yes');
  const events = await h.waitForEvents(3);
  assert.equal(events[0].detail.link, env.host + 'iframe.html#dw1/rag-vs-fine-tuning@1', 'decision-ready links to the host page');
  assert.equal(events[2].detail.link, link, 'decision-change links to the host page');
  assert.equal(await copiedLink(h, w), link, '"Copy link" in the frame copies a link to the host page');

  // The link, opened: the host page, with the decision in its iframe, brought into view.
  await page.goto('about:blank');
  await page.goto(link);
  const opened = widgetIn(page.frameLocator('#f1'));
  await opened.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  const reopened = await h.waitForEvents(2);
  assert.deepEqual(reopened.at(-1).detail.answers, { 'data-freshness': 'no', citations: 'yes' });
  assert.equal(reopened.at(-1).detail.link, link);
  // At the top of the screen, or as near as the page's end lets it come.
  await page.waitForFunction(() => {
    const top = document.getElementById('f1').getBoundingClientRect().top;
    const atEnd = Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight;
    return Math.abs(top) < 1 || (atEnd && top > 0 && top < innerHeight / 2);
  });

  // Another link pasted into this tab's address bar opens too.
  await page.evaluate((hash) => (location.hash = hash), code('no', 'no', 'yes'));
  await opened.outcome.filter({ hasText: OUTCOMES['fine-tune'].title }).waitFor();
  // A link for another flow is not this frame's to open.
  await page.evaluate(() => (location.hash = 'dw1/tea-or-coffee@2/tired=y'));
  await page.evaluate((hash) => (location.hash = hash), code('yes'));
  await opened.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  const last = await h.waitForEvents(reopened.length + 2);
  assert.deepEqual(last.slice(reopened.length).map((e) => e.detail.outcome), ['fine-tune', 'rag']);
});

hostTest('iframe embed without a host script: links lead to the page its query names, else to embed.html', { path: 'iframe-page.html' }, async (h) => {
  await grantClipboard(h);
  const named = widgetIn(h.page.frameLocator('#f1'));
  await named.answer('yes');
  await named.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  assert.equal(
    await copiedLink(h, named),
    'https://blog.example/articles/rag-or-fine-tuning/?utm=x&y#' + code('yes'),
    'the named page, its own fragment replaced by the decision',
  );
  const plain = widgetIn(h.page.frameLocator('#f2'));
  await plain.answer('yes');
  await plain.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  assert.equal(await copiedLink(h, plain), env.widget + 'embed.html?flow=rag-vs-fine-tuning#' + code('yes'));
  assert.deepEqual(await h.events(), [], 'nothing reaches a host without the host script');
});

hostTest('a hostile parent cannot lead the iframe\'s links to another scheme or site; its own page it can', { path: 'iframe-hostile.html' }, async (h) => {
  const { page } = h;
  await grantClipboard(h);
  const w = widgetIn(page.frameLocator('#f1'));
  await w.question.waitFor();
  const frame = page.frame({ url: /embed\.html/ });
  // The frame, once it has spoken, is sent page URLs it must refuse…
  await page.evaluate(() => {
    const frame = document.getElementById('f1').contentWindow;
    const own = location.href;
    for (const page of [
      'javascript:alert(document.domain)//',
      'data:text/html,<script>alert(1)</script>',
      'https://evil.example/phish/',
      'https://user:pass@' + location.host + '/',
      own.replace('http:', 'ftp:'),
      '/relative/path',
      own + 'x'.repeat(2000),
      42,
    ]) {
      frame.postMessage({ type: 'decision-widget:page', page }, '*');
    }
    frame.postMessage({ type: 'decision-widget:page', page: own, extra: true }, '*');
  });
  // …and one from the frame itself, which is not its parent.
  await frame.evaluate(() => window.postMessage({ type: 'decision-widget:page', page: location.origin + '/elsewhere/' }, '*'));
  // Then harmless data it takes: a decision to open (after the others, in order).
  await page.evaluate((answers) => document.getElementById('f1').contentWindow.postMessage({ type: 'decision-widget:answers', answers }, '*'), code('no', 'yes'));
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  assert.equal(await copiedLink(h, w), env.widget + 'embed.html?flow=rag-vs-fine-tuning&page=javascript:alert(document.domain)//#' + code('no', 'yes'), 'links still lead to the iframe page');
  // The parent's own URL, on its own origin, is what a host script sends: taken.
  await page.evaluate(() => document.getElementById('f1').contentWindow.postMessage({ type: 'decision-widget:page', page: location.href }, '*'));
  await w.host.getByRole('button', { name: 'Start over' }).click();
  await w.answer('yes');
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  assert.equal(await copiedLink(h, w), env.host + 'iframe-hostile.html#' + code('yes'));
});

// ---------------------------------------------------------------------------
// Discovery and previews

function pngSize(buffer) {
  assert.equal(buffer.subarray(1, 4).toString(), 'PNG');
  return [buffer.readUInt32BE(16), buffer.readUInt32BE(20)];
}

hostTest('oEmbed discovery, a rich response with a fallback link and an iframe, embedded as a consumer does', { path: 'blank.html' }, async (h) => {
  const { page } = h;
  for (const name of ['', 'embed.html']) {
    const html = await (await fetch(env.widget + name)).text();
    const link = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/);
    assert.ok(link, `${name || 'index.html'} has an oEmbed discovery link`);
    assert.equal(link[1], 'http://127.0.0.1:8080/oembed.json', 'absolute, from SITE_URL (default)');
  }
  const response = await fetch(env.widget + 'oembed.json');
  assert.match(response.headers.get('content-type'), /^application\/json/);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  const oembed = await response.json();
  assert.equal(oembed.version, '1.0');
  assert.equal(oembed.type, 'rich');
  assert.ok(Number.isInteger(oembed.width) && Number.isInteger(oembed.height));
  // WordPress's shape: a <blockquote> with the fallback link, then the
  // iframe (the WordPress test shows what WordPress makes of it); whose
  // share links lead to the article.
  assert.match(
    oembed.html,
    /^<blockquote class="wp-embedded-content" hidden><a href="http:\/\/127\.0\.0\.1:8080\/">[^<]+<\/a><\/blockquote><iframe src="http:\/\/127\.0\.0\.1:8080\/embed\.html\?flow=rag-vs-fine-tuning&amp;page=http:\/\/127\.0\.0\.1:8080\/"[^<>]*><\/iframe>$/,
  );
  // Any other consumer (Ghost's embed card) puts the HTML in the page as
  // it is: the fallback stays hidden and the frame works, sandboxed too.
  const html = oembed.html.replaceAll('http://127.0.0.1:8080/', env.widget).replace('<iframe ', '<iframe id="f1" sandbox="allow-scripts" ');
  await writeHost('consumer.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Consumer</title></head><body>${html}<script src="${env.widget}embed-host.js"></script></body></html>`);
  await page.goto(env.host + 'consumer.html');
  assert.equal(await page.locator('blockquote').isVisible(), false, 'the fallback link is hidden');
  const w = widgetIn(page.frameLocator('#f1'));
  await w.answer('yes');
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  const agreed = await heightsAgree(page);
  assert.equal(agreed.attribute, agreed.content);
});

hostTest('Open Graph and Twitter card tags with a 1200×630 PNG of the chart (a Medium link card)', async () => {
  const html = await (await fetch(env.widget)).text();
  const meta = (key) => html.match(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`))?.[1];
  assert.equal(meta('og:title'), 'RAG or Fine-Tuning? A 2026 Decision Framework');
  assert.ok(meta('og:description').length > 50);
  assert.equal(meta('og:type'), 'article');
  assert.equal(meta('og:url'), 'http://127.0.0.1:8080/');
  assert.equal(meta('og:image'), 'http://127.0.0.1:8080/preview.png');
  assert.equal(meta('twitter:card'), 'summary_large_image');
  assert.equal(meta('twitter:image'), meta('og:image'));
  assert.ok(meta('og:image:alt') && meta('twitter:image:alt'));
  const image = await fetch(env.widget + 'preview.png');
  assert.equal(image.headers.get('content-type'), 'image/png');
  const png = Buffer.from(await image.arrayBuffer());
  assert.deepEqual(pngSize(png), [Number(meta('og:image:width')), Number(meta('og:image:height'))]);
  assert.deepEqual(pngSize(png), [1200, 630]);
});

// ---------------------------------------------------------------------------
// The book's snippets (docs/snippets/), rendered as each platform would

/** What Hugo's and Zola's template engines make of the shortcodes, with `params`. */
function expand(template, params) {
  return template
    .replace(/\{\{ \.Get "(\w+)" \| default "([^"]*)" \}\}/g, (_, k, d) => params[k] ?? d)
    .replace(/\{\{ (\w+) \| default\(value="([^"]*)"\) \}\}/g, (_, k, d) => params[k] ?? d);
}

const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Snippet</title></head><body>${body}</body></html>`;

for (const [name, render, frame] of [
  ['plain-html', (s) => s, false],
  ['hugo', (s) => expand(s, { theme: 'dark' }), false],
  ['zola', (s) => expand(s, {}), false],
  ['iframe', (s) => s.replace('<iframe ', '<iframe id="f1" '), true],
]) {
  hostTest(`the book's snippet "${name}" works on a host page`, async (h) => {
    const html = render(await bookSnippet(name));
    assert.doesNotMatch(html, /\{\{ |\| default/, 'no template syntax left');
    await writeHost(`snippet-${name}.html`, page(html));
    await h.page.goto(env.host + `snippet-${name}.html`);
    const w = widgetIn(frame ? h.page.frameLocator('#f1') : h.page);
    await w.answer('yes');
    await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
    const events = await h.waitForEvents(2);
    assert.equal(events[1].detail.flow, FLOW_ID);
    assert.equal(events[1].detail.outcome, 'rag');
  });
}

hostTest('the book\'s snippet "js-api" works on a host page', async (h) => {
  await writeHost('snippet-js-api.html', page(await bookSnippet('js-api')));
  await h.page.goto(env.host + 'snippet-js-api.html');
  const w = widgetIn(h.page);
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  const events = await h.waitForEvents(2);
  assert.deepEqual(events.at(-1).detail.answers, { 'data-freshness': 'no', citations: 'yes' });
});
