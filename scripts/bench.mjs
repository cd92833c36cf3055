// Benchmark (not a test): the decision widget, client-rendered and
// prerendered, against the same flowchart drawn with Mermaid, on the same
// machine at the same moment; then the widget with flows of the largest
// size. It reports; it never fails on a budget.
//
//   node scripts/bench.mjs [--runs N] [--mermaid-layout NAME] [--no-lighthouse] [--big-only] [--write-book]
//
//   --runs N               cold loads per page and speed (default 7)
//   --mermaid-layout NAME  a Mermaid layout other than its default (which
//                          in Mermaid 12 is "elk"), e.g. "dagre"
//   --no-lighthouse        skip the Lighthouse report at the end
//   --big-only             only the flows of the largest size (no Mermaid,
//                          no Lighthouse)
//   --write-book           also write the tables into the book's
//                          docs/src/performance-tables.md (the parts
//                          measured: a --big-only run leaves the others)
//
// Needs a built dist/ (the release build), cargo (to prerender the third
// page, and for the big flows), the npm packages (playwright-core,
// mermaid, lighthouse) and Chromium at /usr/bin/chromium (CHROMIUM=… to
// use another). About 100 seconds with the default 7 runs on 2 cores for
// the comparison (plus about 30 the first time cargo builds the command
// line), about 150 for the big flows (plus a few minutes the first time
// cargo builds the bench profile), and about 45 more for Lighthouse.
//
// What it does:
// - copies dist/ and Mermaid's ESM build (node_modules/mermaid/dist) into a
//   temporary directory, with the three pages of scripts/bench/ —
//   widget.html (the book's script embed, docs/snippets/plain-html.html,
//   rendered in the browser),
//   prerendered.html (the same page with the widget prerendered, as the
//   release build does for its own pages) and mermaid.html (Mermaid source
//   generated here from static/flows/rag-vs-fine-tuning.json) — so a rebuild
//   of dist/ during the run cannot change what is measured;
// - prerenders the widget into the copy of prerendered.html with the
//   release build's own step (cargo run --bin decision-widget --
//   prerender), from the sources as they are now;
// - serves that copy on 127.0.0.1 with scripts/serve.mjs (brotli), and a
//   second server that answers with gzip, for the gzip byte counts;
// - loads each page cold (a new browser context each time, HTTP cache off)
//   in headless Chromium, at normal speed and at 4× CPU slowdown (CDP
//   Emulation.setCPUThrottlingRate), rotating the order of the pages, after
//   one discarded warm-up load of each;
// - prints Markdown tables of the medians (with min–max), each widget
//   page's ratio to Mermaid, and the budgets as met / not met,
//   for both widget pages;
// - then, with flows of the largest size — a chain of 498 yes/no questions
//   and a 500-node flow of 8-way questions, written by the native program
//   crates/engine/examples/big_flows.rs, which also times their layout at opt-level 3
//   (cargo run --profile bench) — loads scripts/bench/big.html with each
//   by URL, cold, at 1× and 4× CPU, and measures decision-ready, every
//   answer along a path (click → next frame), the zoom buttons (click →
//   next frame, and the longest frame of the animation that follows) and
//   a drag across the chart (each pointer move → next frame);
// - then runs scripts/lighthouse.mjs on the same copy of the site (its own
//   process, as it is also a command of its own) for Lighthouse's scores
//   and loading metrics of the demo page, mobile and desktop;
// - with --write-book, writes each part's tables, and the budgets as met /
//   not met, between its anchors in docs/src/performance-tables.md, which
//   the book's Performance chapter includes part by part.
//
// Every wait has a timeout, the whole run has a deadline, and Chromium may
// resolve no host name (only the loopback server is reachable).

import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, homedir, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(REPO, 'dist');
const BENCH = join(REPO, 'scripts', 'bench');
const FLOW_FILE = join(REPO, 'static', 'flows', 'rag-vs-fine-tuning.json');
const MERMAID_DIST = join(REPO, 'node_modules', 'mermaid', 'dist');
const LAUNCH_ARGS = [
  ...CHROMIUM_ARGS,
  // Belt and braces for "loopback only": no host name resolves; the pages
  // use the IP literal 127.0.0.1.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
const VIEWPORT = { width: 1280, height: 900 };
const SPEEDS = [1, 4];
/** The full path clicked through: the longest one (four answers to an outcome). */
const WALK = ['no', 'no', 'no', 'no'];
/**
 * The pages measured, by kind: the widget rendered in the browser (the
 * book's script embed), the widget prerendered into the page and hydrated, and
 * Mermaid. The prerendered page sits inside the copy of dist/, as the
 * release build's own pages do, so the stylesheet links the prerender
 * writes (relative to the page) resolve.
 */
const KINDS = ['widget', 'prerendered', 'mermaid'];
const PAGES = { widget: 'widget.html', prerendered: 'widget/prerendered.html', mermaid: 'mermaid.html' };
const NAMES = { widget: 'client-rendered', prerendered: 'prerendered', mermaid: 'Mermaid' };
const WIDGET_KINDS = ['widget', 'prerendered'];
/** The files the widget ships (what the size budget counts), by path on the bench server. */
const WIDGET_FILES = /^\/widget\//;
const MERMAID_FILES = /^\/mermaid\//;
/** Whether the file at `path` is one the `kind` page's library ships (not the page itself). */
const shippedFile = (kind, path) =>
  path !== '/' + PAGES[kind] && (kind === 'mermaid' ? MERMAID_FILES : WIDGET_FILES).test(path);
const KIB = 1024;
/** The budgets: what the widget ships (the CI ceiling of scripts/test.sh) and the timing targets. */
const BUDGET = { shippedBrotli: 164 * KIB, prerenderedBrotli: 171 * KIB, firstRender: 80, firstRenderRatio: 0.25, click4x: 50 };

// ---------------------------------------------------------------------------
// Arguments and the deadline.

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: node scripts/bench.mjs [--runs N] [--mermaid-layout NAME] [--no-lighthouse] [--big-only] [--write-book]   (default: 7 runs, Mermaid\'s default layout, the big flows, then Lighthouse; --write-book also writes the tables into docs/src/performance-tables.md)');
  process.exit(0);
}
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? (args[at + 1] ?? '') : null;
};
const RUNS = Number(option('--runs') ?? 7);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 50) {
  console.error('error: --runs takes a whole number from 1 to 50');
  process.exit(2);
}
const MERMAID_LAYOUT = option('--mermaid-layout');
const BIG_ONLY = args.includes('--big-only');
const WRITE_BOOK = args.includes('--write-book');
/** The book's page of these tables, each part between `ANCHOR: <part>` marks (mdBook's include anchors). */
const BOOK_TABLES = join(REPO, 'docs', 'src', 'performance-tables.md');
if (MERMAID_LAYOUT !== null && !/^[a-z][a-z.-]*$/.test(MERMAID_LAYOUT)) {
  console.error('error: --mermaid-layout takes a layout name such as dagre or elk');
  process.exit(2);
}
/** How many flows of the largest size the benchmark loads (BIG_FLOWS). */
const BIG_FLOWS_COUNT = 2;
/** Per-wait timeouts (ms), generous for 4× slowdown on a busy machine. */
const LOAD_TIMEOUT = 60_000;
const STEP_TIMEOUT = 20_000;
const DEADLINE = 120_000 + RUNS * SPEEDS.length * (KINDS.length * 15_000 + BIG_FLOWS_COUNT * 40_000);
/** Building the command line or the big flows' program from cold (cargo may also wait for another build's lock). */
const PRERENDER_TIMEOUT = 600_000;
/** The temporary copy of the site, removed however the run ends. */
let tempDir = null;
const abandon = (message, code) => {
  console.error(message);
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  process.exit(code); // playwright-core closes Chromium as the process exits
};
// The deadline starts once the pages are ready: building the prerender
// step first has a time limit of its own.
let deadline = null;
const startDeadline = () => {
  deadline = setTimeout(
    () => abandon(`error: the benchmark did not finish within ${DEADLINE / 1000} s; giving up`, 3),
    DEADLINE,
  );
  deadline.unref();
};
process.once('SIGINT', () => abandon('bench: interrupted', 130));

const log = (...parts) => process.stderr.write(parts.join(' ') + '\n');

// ---------------------------------------------------------------------------
// The Mermaid source: the widget's own Mermaid export of the flow file, at
// its start (`decision-widget export --format mermaid`): questions are
// diamonds, outcomes stadiums, labels the chart's short labels, with the
// flow's title and its first question marked as the widget marks it.

/**
 * @param {{ questions: { choices?: unknown[] }[], outcomes: unknown[] }} flow the flow file, read
 * @returns {{ text: string, questions: number, outcomes: number, edges: number }}
 */
function mermaidSource(flow) {
  log('bench: the Mermaid source (cargo run --bin decision-widget -- export --format mermaid)');
  const run = spawnSync('cargo', ['run', '-q', '--bin', 'decision-widget', '--', 'export', '--format', 'mermaid', FLOW_FILE], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 2],
    timeout: PRERENDER_TIMEOUT,
    env: { ...process.env, PATH: `${process.env.PATH}:${join(homedir(), '.cargo', 'bin')}` },
  });
  if (run.error) throw new Error(`the Mermaid export did not run: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`the Mermaid export failed (exit ${run.status ?? run.signal})`);
  // A yes/no question has two edges, one with choices one per choice.
  const edges = flow.questions.reduce((n, q) => n + (q.choices?.length ?? 2), 0);
  return { text: run.stdout.trimEnd(), questions: flow.questions.length, outcomes: flow.outcomes.length, edges };
}

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------------------------------------------------------------------------
// The site under test: a snapshot in a temporary directory.

async function snapshot(dir) {
  for (const file of ['embed.js', 'decision_widget.js', 'decision_widget_bg.wasm', 'decision_widget_hydrate_bg.wasm']) {
    await stat(join(DIST, file)).catch(() => {
      throw new Error(`no built widget in ${DIST} (missing ${file}): run the release build first`);
    });
  }
  await cp(DIST, join(dir, 'widget'), { recursive: true });
  await mkdir(join(dir, 'mermaid', 'chunks'), { recursive: true });
  await cp(join(MERMAID_DIST, 'mermaid.esm.min.mjs'), join(dir, 'mermaid', 'mermaid.esm.min.mjs'));
  await cp(join(MERMAID_DIST, 'chunks', 'mermaid.esm.min'), join(dir, 'mermaid', 'chunks', 'mermaid.esm.min'), {
    recursive: true,
    filter: (path) => !path.endsWith('.map'),
  });
  await cp(join(BENCH, 'widget.html'), join(dir, 'widget.html'));
  await cp(join(BENCH, 'prerendered.html'), join(dir, PAGES.prerendered));
  prerender(join(dir, PAGES.prerendered));
  const flow = JSON.parse(await readFile(FLOW_FILE, 'utf8'));
  const source = mermaidSource(flow);
  const template = await readFile(join(BENCH, 'mermaid.html'), 'utf8');
  for (const placeholder of ['{{MERMAID_SOURCE}}', '{{MERMAID_CONFIG}}']) {
    if (!template.includes(placeholder)) throw new Error(`scripts/bench/mermaid.html lost its ${placeholder}`);
  }
  const config = { startOnLoad: false, ...(MERMAID_LAYOUT ? { layout: MERMAID_LAYOUT } : {}) };
  await writeFile(
    join(dir, 'mermaid.html'),
    template
      .replace('{{MERMAID_SOURCE}}', escapeHtml(source.text))
      .replace('{{MERMAID_CONFIG}}', JSON.stringify(config)),
  );
  const prerendered = await readFile(join(dir, PAGES.prerendered), 'utf8');
  if (!prerendered.includes('shadowrootmode') || prerendered.includes('<!-- decision-widget:')) {
    throw new Error('the prerender step left scripts/bench/prerendered.html without its shadow root');
  }
  return source;
}

/**
 * The big flows in the copy of the site: their files (and native layout
 * times, returned) from crates/engine/examples/big_flows.rs, and a page for each from
 * scripts/bench/big.html.
 */
async function snapshotBig(dir) {
  const native = bigFlows(join(dir, 'widget', 'flows'));
  const template = await readFile(join(BENCH, 'big.html'), 'utf8');
  if (!template.includes('{{FLOW}}')) throw new Error('scripts/bench/big.html lost its {{FLOW}}');
  for (const flow of BIG_FLOWS) await writeFile(join(dir, `${flow.name}.html`), template.replaceAll('{{FLOW}}', flow.name));
  return native;
}

/**
 * Runs the release build's prerender step on `page`, in place. Cargo builds
 * the command line once (about 30 s from cold), then reuses it. The markup comes
 * from the sources as they are now: if they have changed since dist/ was
 * built, hydration may not match it, which the loads report as a warning.
 */
function prerender(page) {
  log('bench: prerendering the widget into prerendered.html (cargo run --bin decision-widget -- prerender)');
  const run = spawnSync('cargo', ['run', '-q', '--bin', 'decision-widget', '--', 'prerender', page], {
    cwd: REPO,
    // Cargo's messages go to stderr with the progress lines; stdout is the report's.
    stdio: ['ignore', 2, 2],
    timeout: PRERENDER_TIMEOUT,
    env: { ...process.env, PATH: `${process.env.PATH}:${join(homedir(), '.cargo', 'bin')}` },
  });
  if (run.error) throw new Error(`the prerender step did not run: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`the prerender step failed (exit ${run.status ?? run.signal})`);
}

/**
 * Serves `root` with scripts/serve.mjs. With `encoding` ('br' or 'gzip'),
 * the request's Accept-Encoding is replaced by it, so the server answers in
 * that encoding whatever the browser offers. Every response is logged with
 * the exact number of body bytes written (compressed payload; HTTP headers
 * and chunked framing not included).
 */
async function startServer(root, encoding) {
  const { server, url } = await serve({ root, port: 0 });
  const sent = [];
  server.prependListener('request', (req, res) => {
    if (encoding) req.headers['accept-encoding'] = encoding;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    let bytes = 0;
    let contentEncoding = null;
    const count = (chunk) => {
      if (chunk != null && typeof chunk !== 'function') bytes += Buffer.byteLength(chunk);
    };
    const { writeHead, write, end } = res;
    res.writeHead = function (status, headers, ...rest) {
      if (headers && typeof headers === 'object') contentEncoding = headers['Content-Encoding'] ?? null;
      return writeHead.call(this, status, headers, ...rest);
    };
    res.write = function (chunk, ...rest) {
      count(chunk);
      return write.call(this, chunk, ...rest);
    };
    res.end = function (chunk, ...rest) {
      count(chunk);
      sent.push({ path, status: res.statusCode, encoding: contentEncoding ?? 'identity', bytes });
      return end.call(this, chunk, ...rest);
    };
  });
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  return { url, sent, close };
}

// ---------------------------------------------------------------------------
// In the page, before any of its scripts: marks first render, readiness and
// clicks, and keeps the wasm instances' memories.

function instrument(kind) {
  const now = () => performance.now();
  const B = (window.__bench = {
    kind,
    firstRenderDom: null,
    firstRender: null,
    firstPaint: null,
    fcp: null,
    unstyledFrames: 0,
    attached: false,
    firstShown: null,
    ready: null,
    error: null,
    memories: [],
    clicks: [],
    pending: null,
    interactions: [],
  });
  /**
   * Calls `fn(frame, painted)`: `frame` is when the next animation frame's
   * callbacks run (before that frame's style, layout and paint); `painted`
   * when a task posted from there runs, i.e. once that frame's rendering
   * work is done (the usual in-page stand-in for "next paint").
   */
  const nextFrame = (fn) =>
    requestAnimationFrame(() => {
      const frame = now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => fn(frame, now());
      channel.port2.postMessage(null);
    });

  // Wasm memory: wrap the instantiate functions to keep every Memory an
  // instance exports or imports (wasm-bindgen exports `memory`).
  const keep = (value) => value instanceof WebAssembly.Memory && !B.memories.includes(value) && B.memories.push(value);
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (source, imports, ...rest) {
      for (const module of Object.values(imports ?? {})) for (const value of Object.values(module ?? {})) keep(value);
      return original.call(this, source, imports, ...rest).then((result) => {
        const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
        for (const value of Object.values(instance?.exports ?? {})) keep(value);
        return result;
      });
    };
  }

  // The browser's own input-to-next-paint figures (Event Timing), as a
  // cross-check of the click measurement; it reports only events of 16 ms
  // or more, in 8 ms steps.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.interactionId) B.interactions.push({ name: e.name, duration: e.duration });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {
    // A browser without Event Timing: no interactions to report.
  }

  // Paint Timing's first contentful paint, on every page: the first frame
  // with any text or image in it, which on the client-rendered pages is the
  // page's heading, long before the chart. startTime is when the frame was
  // presented; paintTime (where Chromium has it) when its paint step ran,
  // which tells which frame it was.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'first-contentful-paint') B.fcp ??= { presented: e.startTime, paint: e.paintTime ?? null };
      }
    }).observe({ type: 'paint', buffered: true });
  } catch {
    // A browser without Paint Timing: no first contentful paint to report.
  }

  if (kind !== 'mermaid') {
    /** What the reader sees change on an answer: the question or the outcome. */
    const shown = (root) =>
      (root.querySelector('.dw-question-text')?.textContent ?? '') +
      '\u0000' +
      (root.querySelector('.dw-outcome-title')?.textContent ?? '');
    /** Whether every stylesheet link in the widget's shadow root has loaded. */
    const styled = (root) => [...root.querySelectorAll('link[rel="stylesheet"]')].every((link) => link.sheet);
    // First render is the first frame that starts with the question text in
    // the shadow root and the widget's stylesheets loaded: that frame paints
    // the question and the chart as the reader will see them. The same
    // measure serves both widget pages (and, with the final <svg>, Mermaid),
    // so their figures compare. On the prerendered page it is the first
    // paint that includes the widget, checked in the page itself rather
    // than taken from Paint Timing's first-contentful-paint: that entry is
    // the first paint of any content, and in Chromium the page's heading
    // is usually painted alone first, because the parser adds the widget's
    // markup only after the stylesheet links at the top of its shadow root
    // have loaded. Frames that start with the question in place but
    // unstyled are counted, for a warning.
    const firstFrame = (root, frames = 0) =>
      nextFrame((frame, painted) => {
        if (!styled(root) && frames < 600) {
          B.unstyledFrames++;
          firstFrame(root, frames + 1);
        } else {
          B.firstRender = frame;
          B.firstPaint = painted;
        }
      });
    const check = (root) => {
      const question = root.querySelector('.dw-question-text');
      if (B.firstRenderDom == null && question?.textContent.trim()) {
        B.firstRenderDom = now();
        B.firstShown = { question, root: question.closest('.dw-root') };
        B.firstShown.prerendered = B.firstShown.root?.hasAttribute('data-prerendered') ?? false;
        firstFrame(root);
      }
    };
    const watch = (root) => {
      B.root = root;
      new MutationObserver(() => {
        const t = now();
        check(root);
        const p = B.pending;
        if (p && p.t0 != null && p.dom == null && shown(root) !== p.before) {
          p.dom = t;
          nextFrame((f, painted) => {
            B.clicks.push({ dom: p.dom - p.t0, frame: f - p.t0, painted: painted - p.t0 });
            B.pending = null;
          });
        }
      }).observe(root, { childList: true, subtree: true, characterData: true });
      check(root);
    };
    // The client-rendered widget attaches its shadow root from embed.js.
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (...rest) {
      const root = attachShadow.apply(this, rest);
      if (this.localName === 'decision-widget') {
        B.attached = true;
        if (!B.root) watch(root);
      }
      return root;
    };
    // The prerendered one comes with the page: the parser attaches its
    // declarative shadow root (attachShadow is not called) and embed.js
    // reuses it, so it is looked up on the element, from the parser's first
    // insertion that shows it. The nodes first shown are kept, to check
    // that hydration took them over rather than drawing the widget anew.
    if (kind === 'prerendered') {
      const find = new MutationObserver(() => {
        const root = document.querySelector('decision-widget')?.shadowRoot;
        if (!root || B.root) return;
        find.disconnect();
        watch(root);
      });
      find.observe(document, { childList: true, subtree: true });
    }
    document.addEventListener('decision-ready', () => (B.ready ??= now()), true);
    document.addEventListener('decision-error', (e) => (B.error = e.detail?.message ?? 'decision-error'), true);
    // The click's own timestamp: when the input reached the page, so input
    // delay counts.
    addEventListener('click', (e) => B.pending && B.pending.t0 == null && (B.pending.t0 = e.timeStamp), true);
    B.arm = () => (B.pending = { before: shown(B.root), t0: null, dom: null });
  } else {
    // Mermaid first draws into a hidden measuring <div> inside the
    // <pre id="chart">, then replaces the <pre>'s content with the final
    // <svg>: only a direct child <svg> is the chart on screen.
    const check = (chart) => {
      if (B.firstRenderDom == null && chart.querySelector(':scope > svg')) {
        B.firstRenderDom = now();
        nextFrame((frame, painted) => ((B.firstRender = frame), (B.firstPaint = painted)));
      }
    };
    const find = new MutationObserver(() => {
      const chart = document.getElementById('chart');
      if (!chart) return;
      find.disconnect();
      new MutationObserver(() => check(chart)).observe(chart, { childList: true });
      check(chart);
    });
    find.observe(document, { childList: true, subtree: true });
  }
}

/** In the page: whether the load is complete (or failed), and its figures. */
function loaded() {
  const B = window.__bench;
  if (B.kind === 'mermaid') {
    B.error ??= document.documentElement.dataset.benchError ?? null;
    B.ready ??= performance.getEntriesByName('mermaid-rendered')[0]?.startTime ?? null;
  }
  if (B.error) return { error: B.error };
  if (B.ready == null || B.firstPaint == null) return false;
  const shown = B.firstShown;
  return {
    firstRenderDom: B.firstRenderDom,
    firstRender: B.firstRender,
    firstPaint: B.firstPaint,
    ready: B.ready,
    unstyledFrames: B.unstyledFrames,
    // The markup first shown came from the page and is still the widget's,
    // no longer marked as waiting for hydration; and no shadow root was
    // attached by script.
    hydrated: shown
      ? shown.prerendered && shown.question.isConnected && !shown.root.hasAttribute('data-prerendered') && !B.attached
      : null,
  };
}

/** In the page: how many nodes and edges the chart on screen has. */
function drawnChart() {
  const widget = window.__bench.kind !== 'mermaid';
  const svg = widget ? window.__bench.root?.querySelector('svg.dw-chart-svg') : document.querySelector('#chart > svg');
  return {
    nodes: svg?.querySelectorAll(widget ? 'g.dw-node' : 'g.node').length ?? 0,
    // The widget draws every edge of a state as one path, a subpath each.
    edges: widget
      ? [...(svg?.querySelectorAll('path.dw-edge-line') ?? [])].reduce((n, p) => n + (p.getAttribute('d').match(/M/g) ?? []).length, 0)
      : (svg?.querySelectorAll('path.flowchart-link').length ?? 0),
  };
}

/** In the page: a fixed amount of work, timed (to confirm the CPU slowdown). */
function calibrate() {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 10_000_000; i++) x = (x * 31 + i) % 1_000_003;
  return { ms: performance.now() - start, x };
}

// ---------------------------------------------------------------------------
// One cold load.

async function coldLoad(browser, server, kind, rate, { walk = false, expected } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const problems = [];
  const foreign = [];
  const from = server.sent.length;
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    await page.addInitScript(instrument, kind);
    const cdp = await context.newCDPSession(page);
    const wire = new Map();
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
      wire.set(requestId, { url: request.url, bytes: 0 });
      if (!/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(request.url)) foreign.push(request.url);
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const entry = wire.get(requestId);
      if (entry) entry.bytes = encodedDataLength;
    });
    cdp.on('Network.loadingFailed', ({ requestId, errorText }) =>
      problems.push(`request failed: ${wire.get(requestId)?.url} (${errorText})`),
    );
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });

    await page.goto(server.url + PAGES[kind], { waitUntil: 'load', timeout: LOAD_TIMEOUT });
    const handle = await page.waitForFunction(loaded, null, { timeout: LOAD_TIMEOUT, polling: 50 });
    const { unstyledFrames, hydrated, ...times } = await handle.jsonValue();
    if (times.error) throw new Error(`${kind} page: ${times.error}`);
    // Paint Timing entries arrive once the frame is presented: a short wait.
    const fcp = await page
      .waitForFunction(() => window.__bench.fcp, null, { timeout: 5_000, polling: 50 })
      .then((h) => h.jsonValue())
      .catch(() => (problems.push('no first-contentful-paint entry'), null));
    times.fcp = fcp?.presented ?? null;
    // Whether that first paint already had the chart: its paint step ran in
    // the first-render frame or later (unknown without paintTime).
    times.fcpWithChart = fcp?.paint != null && times.firstRender != null ? fcp.paint >= times.firstRender : null;
    if (unstyledFrames) problems.push(`the widget's markup was in ${unstyledFrames} frame(s) before its stylesheets loaded`);
    if (kind === 'prerendered' && !hydrated) problems.push('the prerendered markup was not hydrated (the widget was drawn anew)');
    // The same flowchart on both pages: 7 nodes, 8 edges.
    const drawn = await page.evaluate(drawnChart);
    if (drawn.nodes !== expected.nodes || drawn.edges !== expected.edges) {
      problems.push(`the chart has ${drawn.nodes} nodes and ${drawn.edges} edges, not ${expected.nodes} and ${expected.edges}`);
    }

    // Memory once on screen: JS heap after a full GC, and wasm memory.
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__bench.memories.reduce((n, m) => n + m.buffer.byteLength, 0));
    const cpu = (await page.evaluate(calibrate)).ms;

    // Click through the full path, one answer at a time, letting the page
    // settle between clicks.
    let clicks = [];
    let wasmAfterWalk = null;
    if (walk) {
      const settle = () =>
        page.evaluate(
          () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))),
        );
      await settle();
      for (let i = 0; i < WALK.length; i++) {
        await page.evaluate(() => window.__bench.arm());
        const button = page.locator('decision-widget .dw-answer-buttons button', {
          hasText: WALK[i] === 'yes' ? 'Yes' : 'No',
        });
        await button.click({ timeout: STEP_TIMEOUT });
        await page.waitForFunction((n) => window.__bench.clicks.length >= n, i + 1, { timeout: STEP_TIMEOUT });
        await settle();
      }
      await page.locator('decision-widget .dw-outcome-title').waitFor({ timeout: STEP_TIMEOUT });
      clicks = await page.evaluate(() => window.__bench.clicks);
      if (clicks.some((c) => !(c.dom >= 0 && c.frame >= c.dom && c.painted >= c.frame))) problems.push(`odd click timings: ${JSON.stringify(clicks)}`);
      wasmAfterWalk = await page.evaluate(() =>
        window.__bench.memories.reduce((n, m) => n + m.buffer.byteLength, 0),
      );
    }
    const interactions = await page.evaluate(() => window.__bench.interactions);

    const files = server.sent.slice(from).filter((r) => r.status === 200);
    const wireTotal = [...wire.values()].reduce((n, r) => n + r.bytes, 0);
    return {
      ...times,
      heap: heap.usedSize,
      wasm,
      wasmAfterWalk,
      clickFrame: clicks.length ? Math.max(...clicks.map((c) => c.frame)) : null,
      clickPainted: clicks.length ? Math.max(...clicks.map((c) => c.painted)) : null,
      // 0 when no event took 16 ms or more (Event Timing reports none under 16).
      eventTiming: walk ? Math.max(0, ...interactions.map((e) => e.duration)) : null,
      files,
      wireTotal,
      cpu,
      problems,
      foreign,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// Flows of the largest size.

/** The flows, with how many answers the walk gives (the first choice each time). */
const BIG_FLOWS = [
  // The drag goes the way the drawing has room: up a chain (the view
  // moves down it), left across the wide rows (the view moves right).
  { name: 'chain', title: 'chain of 498 yes/no questions', answers: 10, drag: [0, -1] },
  { name: 'wide', title: '500 nodes, 8-way questions', answers: 3, drag: [-1, 0] },
];
/** The zoom buttons pressed, in order; the drag comes after the second. */
const ZOOMS = ['Zoom in', 'Zoom in', 'Zoom out', 'Fit'];
/** Pointer moves of the drag, and how far each goes (CSS px). */
const DRAG_MOVES = 10;
const DRAG_STEP = 20;

/**
 * Writes the big flows' files into `dir` and times their layout natively,
 * with crates/engine/examples/big_flows.rs at opt-level 3: by flow name, its figures.
 */
function bigFlows(dir) {
  log('bench: the big flows and their native layout time (cargo run -p dw-engine --profile bench --example big_flows)');
  const run = (args) => {
    const r = spawnSync('cargo', ['run', '-q', '-p', 'dw-engine', '--profile', 'bench', '--example', 'big_flows', '--', ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 2],
      encoding: 'utf8',
      timeout: PRERENDER_TIMEOUT,
      env: { ...process.env, PATH: `${process.env.PATH}:${join(homedir(), '.cargo', 'bin')}` },
    });
    if (r.error) throw new Error(`crates/engine/examples/big_flows.rs did not run: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`crates/engine/examples/big_flows.rs failed (exit ${r.status ?? r.signal})`);
    return r.stdout;
  };
  run(['write', dir]);
  return Object.fromEntries(
    run(['time', '25'])
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .map((t) => [t.flow, t]),
  );
}

/**
 * In the page, before its scripts: marks decision-ready, and measures
 * inputs. `B.arm(type, what)` waits for the next `type` event (click or
 * pointermove); once what the reader sees has changed after it (`answer`:
 * the progress, question or outcome; `view`: the chart's viewBox), the
 * next animation frame ends the sample. `B.frames()` resolves, once the
 * chart has stopped moving, with the longest time between two frames.
 */
function instrumentBig() {
  const B = (window.__big = { ready: null, error: null, samples: [], pending: null });
  document.addEventListener('decision-ready', () => (B.ready ??= performance.now()), true);
  document.addEventListener('decision-error', (e) => (B.error = e.detail?.message ?? 'decision-error'), true);
  const root = () => document.querySelector('decision-widget').shadowRoot;
  const svg = () => root().querySelector('svg.dw-chart-svg');
  const seen = {
    answer: () =>
      ['.dw-progress', '.dw-question-text', '.dw-outcome-title'].map((s) => root().querySelector(s)?.textContent ?? '').join('\u0000'),
    view: () => svg().getAttribute('viewBox'),
  };
  for (const type of ['click', 'pointermove']) {
    addEventListener(
      type,
      (e) => {
        const p = B.pending;
        if (p && p.type === type && p.t0 == null) p.t0 = e.timeStamp;
      },
      true,
    );
  }
  B.arm = (type, what) => {
    const p = (B.pending = { type, t0: null, before: seen[what]() });
    const observer = new MutationObserver(() => {
      if (p.t0 == null || seen[what]() === p.before) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        B.samples.push({ type, what, frame: performance.now() - p.t0 });
        B.pending = null;
      });
    });
    observer.observe(root(), { subtree: true, childList: true, characterData: true, attributes: true });
  };
  B.frames = () =>
    new Promise((resolve) => {
      let [last, same, longest, previous] = [seen.view(), 0, 0, null];
      const tick = (now) => {
        if (previous != null) longest = Math.max(longest, now - previous);
        previous = now;
        const view = seen.view();
        if (view === last) same++;
        else [last, same] = [view, 0];
        if (same >= 3) resolve(longest);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
}

/** One cold load of `flow`'s page at `rate`, then its walk, zooms and drag. */
async function bigLoad(browser, server, flow, rate) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const problems = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    await page.addInitScript(instrumentBig);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(`${server.url}${flow.name}.html`, { waitUntil: 'load', timeout: LOAD_TIMEOUT });
    await page.waitForFunction(() => window.__big.ready != null || window.__big.error, null, { timeout: LOAD_TIMEOUT, polling: 50 });
    const { ready, error } = await page.evaluate(() => window.__big);
    if (error) throw new Error(`${flow.name}: ${error}`);
    const elements = await page.evaluate(() => document.querySelector('decision-widget').shadowRoot.querySelector('svg.dw-chart-svg').querySelectorAll('*').length);
    // Between inputs: the chart at rest, and a moment for the page to idle.
    const settle = () => page.evaluate(() => window.__big.frames().then(() => new Promise((r) => setTimeout(r, 50))));
    /** Runs `input` armed for `type` and `what`, and returns its sample. */
    const sample = async (type, what, input) => {
      await page.evaluate(([t, w]) => window.__big.arm(t, w), [type, what]);
      const n = await page.evaluate(() => window.__big.samples.length);
      await input();
      await page.waitForFunction((k) => window.__big.samples.length > k, n, { timeout: STEP_TIMEOUT });
      return (await page.evaluate(() => window.__big.samples.at(-1))).frame;
    };
    await settle();
    const answers = [];
    for (let i = 0; i < flow.answers; i++) {
      answers.push(await sample('click', 'answer', () => page.locator('decision-widget .dw-answer-buttons button').first().click()));
      await settle();
    }
    const zooms = [];
    const animations = [];
    const drags = [];
    for (const [i, name] of ZOOMS.entries()) {
      const button = page.getByRole('button', { name, exact: true });
      zooms.push(await sample('click', 'view', () => button.click()));
      animations.push(await page.evaluate(() => window.__big.frames()));
      await settle();
      if (i === 1) {
        // A drag from the middle of the chart, a move at a time.
        const box = await page.locator('decision-widget svg.dw-chart-svg').boundingBox();
        const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
        const [dx, dy] = flow.drag.map((d) => d * DRAG_STEP);
        await page.mouse.move(x, y);
        await page.mouse.down();
        for (let k = 1; k <= DRAG_MOVES; k++) drags.push(await sample('pointermove', 'view', () => page.mouse.move(x + k * dx, y + k * dy)));
        await page.mouse.up();
        await settle();
      }
    }
    return {
      ready,
      elements,
      answer: Math.max(...answers),
      zoom: Math.max(...zooms),
      animation: Math.max(...animations),
      drag: Math.max(...drags),
      problems,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

/** The big flows' table: native layout, then the loads' medians. */
function bigTable(native, loads) {
  const rows = [];
  const at = (name, rate) => loads[name][rate];
  const both = (label, key, fmt = ms) => {
    for (const rate of SPEEDS) rows.push([label, `${rate}×`, ...BIG_FLOWS.map((f) => cell(at(f.name, rate), key, fmt))]);
  };
  rows.push(['native layout, opt-level 3 (25 runs)', '–', ...BIG_FLOWS.map((f) => `${native[f.name].layout_ms.toFixed(2)} (${native[f.name].layout_min_ms.toFixed(2)}–${native[f.name].layout_max_ms.toFixed(2)})`)]);
  rows.push(['native reading and checking of the file', '–', ...BIG_FLOWS.map((f) => native[f.name].check_ms.toFixed(2))]);
  rows.push(['drawing at 1:1 (px)', '–', ...BIG_FLOWS.map((f) => `${native[f.name].width} × ${native[f.name].height}`)]);
  both('**decision-ready** (loaded by URL, cold)', 'ready');
  both(`**slowest answer → next frame** (${BIG_FLOWS.map((f) => f.answers).join(' / ')} answers)`, 'answer');
  both(`**slowest zoom step → next frame** (${ZOOMS.join(', ')})`, 'zoom');
  both('longest frame of a zoom’s animation', 'animation');
  both(`**slowest drag move → next frame** (${DRAG_MOVES} moves of ${DRAG_STEP} px)`, 'drag');
  rows.push(['chart elements once ready', '1×, 4×', ...BIG_FLOWS.map((f) => cell(SPEEDS.flatMap((r) => at(f.name, r)), 'elements', (x) => x.toFixed(0)))]);
  return table(['metric', 'CPU', ...BIG_FLOWS.map((f) => `${f.name} (${f.title})`)], rows);
}

// ---------------------------------------------------------------------------
// Statistics and printing.

function median(values) {
  const v = values.filter((x) => x != null).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
const range = (values) => {
  const v = values.filter((x) => x != null);
  return v.length ? [Math.min(...v), Math.max(...v)] : null;
};
const ms = (x) => (x == null ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const kib = (n) => (n == null ? '–' : (n / KIB).toFixed(1));
const mib = (n) => (n == null ? '–' : (n / KIB / KIB).toFixed(2));
/** Event Timing durations: multiples of 8 ms, and none under 16 ms. */
const eventMs = (x) => (x == null ? '–' : x < 16 ? '< 16' : x.toFixed(0));
const ratio = (a, b) => (a == null || b == null || b === 0 ? '–' : (a / b).toFixed(2) + '×');
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );

/** "median (min–max)" of `key` over `loads`, formatted with `fmt`. */
function cell(loads, key, fmt) {
  const values = loads.map((l) => l[key]);
  const m = median(values);
  if (m == null) return '–';
  const [lo, hi] = range(values);
  return `${fmt(m)} (${fmt(lo)}–${fmt(hi)})`;
}

/** Per file: body bytes by path (one cold load's files; they are the same every load). */
function bytesByPath(files) {
  const out = new Map();
  for (const f of files) out.set(f.path, { bytes: f.bytes, encoding: f.encoding });
  return out;
}

/**
 * Writes `parts` (Markdown by part name) into the book's tables page,
 * each between its anchors, replacing what was there; parts not given stay.
 * @param {Record<string, string>} parts
 */
async function writeBook(parts) {
  let text = await readFile(BOOK_TABLES, 'utf8').catch(
    () => '<!-- Written by `node scripts/bench.mjs --write-book`, part by part; do not edit. -->\n',
  );
  for (const [name, body] of Object.entries(parts)) {
    const block = `<!-- ANCHOR: ${name} -->\n${body.trim()}\n<!-- ANCHOR_END: ${name} -->`;
    const at = new RegExp(`<!-- ANCHOR: ${name} -->[\\s\\S]*?<!-- ANCHOR_END: ${name} -->`);
    text = at.test(text) ? text.replace(at, () => block) : `${text.trimEnd()}\n\n${block}\n`;
  }
  await writeFile(BOOK_TABLES, text);
  log(`bench: wrote ${Object.keys(parts).join(', ')} into docs/src/performance-tables.md`);
}

/** A budget's row: what it asks, what was measured, and whether it is met. */
const budgetRow = (budget, now, ok) => [budget, now, ok ? 'met' : '**not met**'];
const budgetTable = (rows) => table(['budget', 'now', ''], rows).replace(/\|---:\|---:\|$/m, '|---|---|');

// ---------------------------------------------------------------------------
// Main.

const started = Date.now();
const dir = (tempDir = await mkdtemp(join(tmpdir(), 'dw-bench-')));
let browser = null;
const servers = [];
/** The parts of the book's tables page this run measured. */
const book = {};
try {
  const source = await snapshot(dir);
  const native = await snapshotBig(dir);
  startDeadline();
  const startLoad = loadavg()[0];
  const expected = { nodes: source.questions + source.outcomes, edges: source.edges };
  const mermaidVersion = JSON.parse(await readFile(join(MERMAID_DIST, '..', 'package.json'), 'utf8')).version;
  const br = await startServer(dir, 'br');
  const gz = await startServer(dir, 'gzip');
  servers.push(br, gz);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 30_000 });
  log(
    `bench: Chromium ${browser.version()}, ${cpus().length} cores, ${RUNS} runs per page and speed;` +
      ` Mermaid ${mermaidVersion} source: ${source.questions} questions, ${source.outcomes} outcomes, ${source.edges} edges`,
  );
  if (!BIG_ONLY) {

    // Warm-up (discarded): primes the servers' compression caches and the OS.
    const problems = new Set();
    const foreign = new Set();
    const note = (kind, r) => {
      r.problems.forEach((p) => problems.add(`${NAMES[kind]}: ${p}`));
      r.foreign.forEach((u) => foreign.add(u));
    };
    const walk = (kind) => WIDGET_KINDS.includes(kind);
    for (const kind of KINDS) note(kind, await coldLoad(browser, br, kind, 1, { walk: walk(kind), expected }));

    const loads = Object.fromEntries(KINDS.map((kind) => [kind, Object.fromEntries(SPEEDS.map((rate) => [rate, []]))]));
    for (const rate of SPEEDS) {
      for (let i = 0; i < RUNS; i++) {
        // Each page goes first, second and third in turn, so none always
        // follows the same one.
        const order = KINDS.map((_, k) => KINDS[(k + i) % KINDS.length]);
        for (const kind of order) {
          const r = await coldLoad(browser, br, kind, rate, { walk: walk(kind), expected });
          note(kind, r);
          loads[kind][rate].push(r);
          log(
            `  ${rate}× run ${i + 1}/${RUNS} ${NAMES[kind].padEnd(15)} first render ${ms(r.firstRender)} ms (painted ${ms(r.firstPaint)}),` +
              ` ready ${ms(r.ready)} ms` +
              (r.clickFrame != null ? `, slowest click ${ms(r.clickFrame)} ms (painted ${ms(r.clickPainted)})` : '') +
              `, cpu probe ${ms(r.cpu)} ms`,
          );
        }
      }
    }

    // Bytes: the brotli figures from the timed loads (checked identical in
    // every load), the gzip ones from one load of each page on the gzip server.
    const sizes = {};
    for (const kind of KINDS) {
      const all = SPEEDS.flatMap((rate) => loads[kind][rate]);
      const brotli = bytesByPath(all[0].files);
      for (const l of all) {
        const again = bytesByPath(l.files);
        const same = again.size === brotli.size && [...again].every(([p, v]) => brotli.get(p)?.bytes === v.bytes);
        if (!same) problems.add(`${NAMES[kind]}: the files loaded differ between runs`);
      }
      const gzipLoad = await coldLoad(browser, gz, kind, 1, { expected });
      note(kind, gzipLoad);
      const gzip = bytesByPath(gzipLoad.files);
      const rows = [];
      for (const [path, b] of brotli) {
        const raw = (await stat(join(dir, path === '/' ? 'index.html' : path.slice(1)))).size;
        rows.push({ path, raw, brotli: b.bytes, brEnc: b.encoding, gzip: gzip.get(path)?.bytes ?? null, gzEnc: gzip.get(path)?.encoding });
      }
      for (const r of rows) {
        if (r.brEnc !== 'br' || r.gzEnc !== 'gzip') problems.add(`${NAMES[kind]}: ${r.path} was not compressed as expected (${r.brEnc}, ${r.gzEnc})`);
      }
      rows.sort((a, b) => b.brotli - a.brotli);
      const sum = (list, key) => list.reduce((n, r) => n + (r[key] ?? 0), 0);
      const lib = rows.filter((r) => shippedFile(kind, r.path));
      sizes[kind] = {
        rows,
        lib,
        total: { raw: sum(rows, 'raw'), brotli: sum(rows, 'brotli'), gzip: sum(rows, 'gzip') },
        shipped: { raw: sum(lib, 'raw'), brotli: sum(lib, 'brotli'), gzip: sum(lib, 'gzip'), files: lib.length },
        wire: median(all.map((l) => l.wireTotal)),
      };
    }

    // ---- Print.
    const W = loads.widget;
    const P = loads.prerendered;
    const M = loads.mermaid;
    const out = [];
    const date = new Date().toISOString().slice(0, 10);
    out.push(
      `decision-widget (client-rendered and prerendered) vs Mermaid ${mermaidVersion} (layout: ${MERMAID_LAYOUT ?? 'its default'}) — ${date}, ` +
        `Chromium ${browser.version()} headless, ` +
        `${cpus().length} cores (${cpus()[0]?.model?.trim() ?? 'unknown CPU'}), ` +
        // Other work on the machine widens the ranges: its load, for reading them.
        `load average ${startLoad.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end, ` +
        `viewport ${VIEWPORT.width}×${VIEWPORT.height}; ` +
        `medians of ${RUNS} cold loads (min–max in brackets)`,
    );
    out.push('');
    out.push(
      'Bytes: response bodies as the server wrote them (compressed payload, without HTTP headers), per file the page loaded. ' +
        'The client-rendered page is the book\'s script embed (docs/snippets/plain-html.html); the prerendered one the same page with the widget ' +
        'prerendered into it by the release build\'s prerender step (declarative shadow root and `<noscript>` outline).',
    );
    out.push('');
    const fileRows = [];
    const sameFiles = (a, b) => a.length === b.length && a.every((r, i) => r.path === b[i].path && r.brotli === b[i].brotli);
    for (const kind of KINDS) {
      const s = sizes[kind];
      const name = NAMES[kind];
      let shown = s.rows;
      let shippedNote = 'without the page';
      if (kind === 'mermaid') shown = s.rows.slice(0, 6);
      else if (kind === 'prerendered' && sameFiles(s.lib, sizes.widget.lib)) {
        // The same widget files as the client-rendered page: only the page.
        shown = s.rows.filter((r) => !shippedFile(kind, r.path));
        shippedNote = 'the same as above';
      }
      for (const r of shown) fileRows.push([`${name}: \`${r.path.slice(1)}\``, kib(r.raw), kib(r.brotli), kib(r.gzip)]);
      const rest = kind === 'mermaid' ? s.rows.slice(shown.length) : [];
      if (rest.length) {
        const sum = (key) => rest.reduce((n, r) => n + r[key], 0);
        fileRows.push([`Mermaid: ${rest.length} more chunks`, kib(sum('raw')), kib(sum('brotli')), kib(sum('gzip'))]);
      }
      fileRows.push([`**${name} shipped** (${s.shipped.files} files, ${shippedNote})`, kib(s.shipped.raw), `**${kib(s.shipped.brotli)}**`, `**${kib(s.shipped.gzip)}**`]);
      fileRows.push([`**${name} page total** (${s.rows.length} files)`, kib(s.total.raw), kib(s.total.brotli), kib(s.total.gzip)]);
    }
    fileRows.push([
      'ratio widget/Mermaid, shipped',
      ratio(sizes.widget.shipped.raw, sizes.mermaid.shipped.raw),
      ratio(sizes.widget.shipped.brotli, sizes.mermaid.shipped.brotli),
      ratio(sizes.widget.shipped.gzip, sizes.mermaid.shipped.gzip),
    ]);
    for (const kind of WIDGET_KINDS) {
      fileRows.push([
        `ratio ${NAMES[kind]}/Mermaid, page total`,
        ratio(sizes[kind].total.raw, sizes.mermaid.total.raw),
        ratio(sizes[kind].total.brotli, sizes.mermaid.total.brotli),
        ratio(sizes[kind].total.gzip, sizes.mermaid.total.gzip),
      ]);
    }
    out.push(table(['file (KiB)', 'raw', 'brotli', 'gzip'], fileRows));
    const fileTable = out.at(-1);
    out.push('');
    out.push(
      `On the wire with HTTP headers (Chromium's Network.loadingFinished, brotli): ` +
        KINDS.map((kind) => `${NAMES[kind]} page ${kib(sizes[kind].wire)} KiB`).join(', ') +
        '.',
    );
    out.push('');
    out.push(
      'Times in ms from navigation start; memory once the chart is on screen (JS heap after a full GC). ' +
        'First render: the first frame that starts with the question text (widget) or the final `<svg>` (Mermaid) ' +
        'in the DOM and styled; on the prerendered page that is its first paint with the widget in it, ' +
        'and interactive means hydrated.',
    );
    out.push('');
    const rows = [];
    const medianOf = (list, key) => median(list.map((l) => l[key]));
    /** A metric for the three pages and the widget pages' ratios to Mermaid (`mermaid` overrides Mermaid's cell). */
    const row = (label, speed, w, p, m, key, fmt, mermaid) => [
      label,
      speed,
      cell(w, key, fmt),
      cell(p, key, fmt),
      mermaid ?? cell(m, key, fmt),
      mermaid ? '' : ratio(medianOf(w, key), medianOf(m, key)),
      mermaid ? '' : ratio(medianOf(p, key), medianOf(m, key)),
    ];
    for (const rate of SPEEDS) {
      const r = `${rate}×`;
      const [w, p, m] = [W[rate], P[rate], M[rate]];
      rows.push(row(`first contentful paint (Paint Timing: any text, as the heading)`, r, w, p, m, 'fcp', ms));
      rows.push(row(`first content in the DOM (question text / final \`<svg>\`)`, r, w, p, m, 'firstRenderDom', ms));
      rows.push(row(`**first render** (the next frame, styled)`, r, w, p, m, 'firstRender', ms));
      rows.push(row(`first render painted (that frame's rendering done)`, r, w, p, m, 'firstPaint', ms));
      rows.push(row(`interactive (\`decision-ready\`, hydrated on the prerendered page / \`mermaid.run()\` resolved)`, r, w, p, m, 'ready', ms));
      rows.push(row(`**slowest click → next frame**, full path (${WALK.length} clicks)`, r, w, p, m, 'clickFrame', ms, 'static'));
      rows.push(row(`slowest click → that frame painted`, r, w, p, m, 'clickPainted', ms, 'static'));
      rows.push(row(`slowest click → next paint (Event Timing: 8 ms steps, none under 16 ms)`, r, w, p, m, 'eventTiming', eventMs, 'static'));
    }
    // Memory does not depend on the CPU speed: all loads of both speeds.
    const [allW, allP, allM] = [W, P, M].map((loadsOf) => SPEEDS.flatMap((rate) => loadsOf[rate]));
    const both = SPEEDS.map((rate) => `${rate}×`).join(', ');
    rows.push(row(`JS heap used, on screen (MiB)`, both, allW, allP, allM, 'heap', mib));
    rows.push(row(`wasm memory, on screen (MiB)`, both, allW, allP, allM, 'wasm', mib, allM.some((l) => l.wasm) ? cell(allM, 'wasm', mib) : 'none'));
    rows.push(row(`wasm memory, after the path (MiB)`, both, allW, allP, allM, 'wasmAfterWalk', mib, '–'));
    out.push(table(['metric', 'CPU', 'client-rendered', 'prerendered', 'Mermaid', 'client/Mermaid', 'prerendered/Mermaid'], rows));
    const timeTable = out.at(-1);
    out.push('');
    const withChart = KINDS.map((kind) => {
      const all = SPEEDS.flatMap((rate) => loads[kind][rate]).filter((l) => l.fcpWithChart != null);
      return `${NAMES[kind]} ${all.filter((l) => l.fcpWithChart).length} of ${all.length}`;
    });
    out.push(
      `First contentful paint with the chart already in it (loads at both speeds): ${withChart.join(', ')}; ` +
        'in the others it showed the page\'s heading only.',
    );
    out.push('');
    // The check loop runs once each page is on screen (on the widget pages,
    // V8 may still be optimising the wasm on the other core then).
    const cpuAt = (rate) => median(KINDS.flatMap((kind) => loads[kind][rate]).map((l) => l.cpu));
    const cpu1 = cpuAt(1);
    const cpu4 = cpuAt(4);
    out.push(
      `CPU slowdown check: a fixed JS loop, run on every page once on screen, took ${ms(cpu1)} ms at 1× ` +
        `and ${ms(cpu4)} ms at 4× (${ratio(cpu4, cpu1)}); network, compositing and V8's background threads are not slowed.`,
    );
    out.push('');

    const met = (ok) => (ok ? 'met' : '**not met**');
    const frM1 = medianOf(M[1], 'firstRender');
    const fpM1 = medianOf(M[1], 'firstPaint');
    const shippedSame = sameFiles(sizes.prerendered.lib, sizes.widget.lib);
    out.push('Budgets:');
    out.push(
      `- widget shipped ≤ ${BUDGET.shippedBrotli / KIB} KiB brotli (the CI ceiling): ${kib(sizes.widget.shipped.brotli)} KiB — ${met(sizes.widget.shipped.brotli <= BUDGET.shippedBrotli)}` +
        (shippedSame
          ? ' (the same files on both widget pages)'
          : `; prerendered page: ${kib(sizes.prerendered.shipped.brotli)} KiB — ${met(sizes.prerendered.shipped.brotli <= BUDGET.prerenderedBrotli)} (ceiling ${BUDGET.prerenderedBrotli / KIB} KiB)`),
    );
    out.push('- first render ≤ 80 ms at 1×:');
    for (const kind of WIDGET_KINDS) {
      const fr = medianOf(loads[kind][1], 'firstRender');
      const fp = medianOf(loads[kind][1], 'firstPaint');
      out.push(`  - ${NAMES[kind]}: ${ms(fr)} ms — ${met(fr <= BUDGET.firstRender)} (painted: ${ms(fp)} ms — ${met(fp <= BUDGET.firstRender)})`);
    }
    out.push('- first render ≤ 0.25× Mermaid at 1×:');
    for (const kind of WIDGET_KINDS) {
      const fr = medianOf(loads[kind][1], 'firstRender');
      const fp = medianOf(loads[kind][1], 'firstPaint');
      out.push(
        `  - ${NAMES[kind]}: ${ratio(fr, frM1)} — ${met(fr / frM1 <= BUDGET.firstRenderRatio)}` +
          ` (painted: ${ratio(fp, fpM1)} — ${met(fp / fpM1 <= BUDGET.firstRenderRatio)})`,
      );
    }
    out.push('- click to next frame ≤ 50 ms at 4×:');
    for (const kind of WIDGET_KINDS) {
      const click4 = medianOf(loads[kind][4], 'clickFrame');
      const clickPainted4 = medianOf(loads[kind][4], 'clickPainted');
      const event4 = medianOf(loads[kind][4], 'eventTiming');
      out.push(
        `  - ${NAMES[kind]}: ${ms(click4)} ms — ${met(click4 <= BUDGET.click4x)}` +
          ` (painted: ${ms(clickPainted4)} ms — ${met(clickPainted4 <= BUDGET.click4x)};` +
          ` Event Timing: ${eventMs(event4)} ms — ${met(event4 <= BUDGET.click4x)})`,
      );
    }
    if (WRITE_BOOK) {
      const at1 = (kind, key) => medianOf(loads[kind][1], key);
      const wasm = sizes.widget.lib.find((r) => r.path.endsWith('_bg.wasm'));
      const click = WIDGET_KINDS.map((kind) => medianOf(loads[kind][4], 'clickFrame'));
      const machine =
        `Figures of ${date}, on ${cpus().length} cores (${cpus()[0]?.model?.trim() ?? 'unknown CPU'}), Chromium ${browser.version()} headless, ` +
        `load average ${startLoad.toFixed(1)} at the start; medians of ${RUNS} cold loads, min–max in brackets, ` +
        `Mermaid ${mermaidVersion} with ${MERMAID_LAYOUT ? `the ${MERMAID_LAYOUT} layout` : 'its default layout'}.`;
      book.comparison = [
        machine,
        '',
        fileTable,
        '',
        timeTable,
        '',
        budgetTable([
          budgetRow(
            `the widget's download ≤ ${BUDGET.shippedBrotli / KIB} KiB brotli (the CI ceiling)`,
            `${kib(sizes.widget.shipped.brotli)} KiB (wasm ${kib(wasm?.brotli)})`,
            sizes.widget.shipped.brotli <= BUDGET.shippedBrotli,
          ),
          budgetRow(
            `first render ≤ ${BUDGET.firstRenderRatio}× Mermaid at 1×`,
            WIDGET_KINDS.map((kind) => `${NAMES[kind]} ${ratio(at1(kind, 'firstRender'), frM1)}`).join('; '),
            WIDGET_KINDS.every((kind) => at1(kind, 'firstRender') / frM1 <= BUDGET.firstRenderRatio),
          ),
          budgetRow(
            `first render ≤ ${BUDGET.firstRender} ms at 1×`,
            WIDGET_KINDS.map((kind) => `${NAMES[kind]} ${ms(at1(kind, 'firstRender'))} ms (painted ${ms(at1(kind, 'firstPaint'))})`).join('; '),
            at1('prerendered', 'firstRender') <= BUDGET.firstRender,
          ),
          budgetRow(
            `click to next frame ≤ ${BUDGET.click4x} ms at 4× (the article's flow)`,
            `${ms(Math.min(...click))}–${ms(Math.max(...click))} ms (1×: ${ms(medianOf(W[1], 'clickFrame'))} ms)`,
            Math.max(...click) <= BUDGET.click4x,
          ),
        ]),
      ].join('\n');
    }
    if (problems.size || foreign.size) {
      out.push('');
      out.push('Warnings:');
      for (const p of problems) out.push(`- ${p}`);
      for (const u of foreign) out.push(`- request outside the loopback server: ${u}`);
    }
    console.log(out.join('\n'));
  }

  // Flows of the largest size: a warm-up load of each (discarded), then
  // the runs at each speed, the flows in turn.
  const big = Object.fromEntries(BIG_FLOWS.map((f) => [f.name, Object.fromEntries(SPEEDS.map((rate) => [rate, []]))]));
  const bigProblems = new Set();
  for (const flow of BIG_FLOWS) (await bigLoad(browser, br, flow, 1)).problems.forEach((p) => bigProblems.add(`${flow.name}: ${p}`));
  for (const rate of SPEEDS) {
    for (let i = 0; i < RUNS; i++) {
      for (const flow of i % 2 ? [...BIG_FLOWS].reverse() : BIG_FLOWS) {
        const r = await bigLoad(browser, br, flow, rate);
        r.problems.forEach((p) => bigProblems.add(`${flow.name}: ${p}`));
        big[flow.name][rate].push(r);
        log(
          `  ${rate}× run ${i + 1}/${RUNS} ${flow.name.padEnd(6)} ready ${ms(r.ready)} ms, slowest answer ${ms(r.answer)} ms,` +
            ` zoom ${ms(r.zoom)} ms (animation frame ${ms(r.animation)}), drag ${ms(r.drag)} ms`,
        );
      }
    }
  }
  const bigOut = [
    '',
    `Flows of the largest size, loaded by URL (scripts/bench/big.html), medians of ${RUNS} cold loads at ${VIEWPORT.width}×${VIEWPORT.height} (min–max in brackets), ms; ` +
      `load average ${loadavg()[0].toFixed(1)} at the end. Targets (issues 9 and 10): native layout ≤ 20 ms, decision-ready ≤ 300 ms at 1×, ` +
      'every answer and every zoom step ≤ 50 ms to the next frame at 4×.',
    '',
    bigTable(native, big),
  ];
  if (bigProblems.size) bigOut.push('', 'Warnings:', ...[...bigProblems].map((p) => `- ${p}`));
  console.log(bigOut.join('\n'));
  if (WRITE_BOOK) {
    const each = (fmt) => BIG_FLOWS.map((f) => `${fmt(f)} (${f.name})`).join(', ');
    const worst = (key, rate) => Math.max(...BIG_FLOWS.map((f) => median(big[f.name][rate].map((l) => l[key]))));
    const at = (f, key, rate) => ms(median(big[f.name][rate].map((l) => l[key])));
    book.big = [
      `Figures of ${new Date().toISOString().slice(0, 10)}, on ${cpus().length} cores (${cpus()[0]?.model?.trim() ?? 'unknown CPU'}), ` +
        `Chromium ${browser.version()} headless; medians of ${RUNS} cold loads at ${VIEWPORT.width}×${VIEWPORT.height}, ms, min–max in brackets.`,
      '',
      bigOut[3],
      '',
      budgetTable([
        budgetRow('500 nodes: layout ≤ 20 ms natively', each((f) => `${native[f.name].layout_ms.toFixed(1)} ms`), BIG_FLOWS.every((f) => native[f.name].layout_ms <= 20)),
        budgetRow('500 nodes: `decision-ready` ≤ 300 ms at 1×', each((f) => `${at(f, 'ready', 1)} ms`), worst('ready', 1) <= 300),
        budgetRow(
          '500 nodes: every answer ≤ 50 ms to the next frame at 4×',
          `${each((f) => `${at(f, 'answer', 4)} ms`)}; ${BIG_FLOWS.map((f) => at(f, 'answer', 1)).join(' and ')} ms at 1×`,
          worst('answer', 4) <= 50,
        ),
        budgetRow(
          '500 nodes: every zoom step ≤ 50 ms to the next frame at 4×',
          `${each((f) => `${at(f, 'zoom', 4)} ms`)}; ${BIG_FLOWS.map((f) => at(f, 'zoom', 1)).join(' and ')} ms at 1×`,
          worst('zoom', 4) <= 50,
        ),
      ]),
    ].join('\n');
  }
  log(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  if (!BIG_ONLY && !args.includes('--no-lighthouse')) {
    // Lighthouse starts its own Chromium and keeps its own time limits:
    // free this one's CPU first, and lift this run's deadline.
    await browser?.close().catch(() => {});
    clearTimeout(deadline);
    console.log('');
    const lighthouse = spawnSync(process.execPath, [join(REPO, 'scripts', 'lighthouse.mjs'), '--dist', join(dir, 'widget')], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    process.stdout.write(lighthouse.stdout ?? '');
    if (lighthouse.status !== 0) log(`bench: the Lighthouse report failed (exit ${lighthouse.status ?? lighthouse.signal})`);
    else if (WRITE_BOOK) {
      // Its first line says what ran; then its table of scores and metrics.
      const lines = lighthouse.stdout.split('\n');
      const rows = lines.filter((l) => l.startsWith('|'));
      /** A row's cells, by its name. */
      const cells = (name) => rows.find((r) => r.split('|')[1]?.trim() === name)?.split('|').slice(2, -1).map((c) => c.trim()) ?? [];
      const scores = ['performance', 'accessibility', 'best practices', 'SEO'].map(cells);
      const cls = cells('CLS');
      const ok = scores.every((s) => s.every((v) => Number(v) >= 95)) && cls.every((v) => Number(v) === 0);
      const presets = rows[0].split('|').slice(2, -1).map((c) => c.trim());
      book.lighthouse = [
        lines[0],
        '',
        rows.join('\n'),
        '',
        budgetTable([
          budgetRow(
            'Lighthouse ≥ 95 in all four, CLS 0',
            presets.map((p, i) => `${scores.map((s) => s[i]).join(' / ')} ${p}`).join(', ') + `, CLS ${cls.map(Number).join(' and ')}`,
            ok,
          ),
        ]),
      ].join('\n');
    }
  }
  if (WRITE_BOOK && Object.keys(book).length) await writeBook(book);
} finally {
  await browser?.close().catch(() => {});
  for (const s of servers) await s.close();
  await rm(dir, { recursive: true, force: true });
  clearTimeout(deadline);
}
