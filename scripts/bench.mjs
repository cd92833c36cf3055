// Benchmark (not a test): the decision widget against the same flowchart
// drawn with Mermaid, on the same machine at the same moment. It reports;
// it never fails on a budget.
//
//   node scripts/bench.mjs [--runs N] [--mermaid-layout NAME] [--no-lighthouse]
//
//   --runs N               cold loads per page and speed (default 7)
//   --mermaid-layout NAME  a Mermaid layout other than its default (which
//                          in Mermaid 12 is "elk"), e.g. "dagre"
//   --no-lighthouse        skip the Lighthouse report at the end
//
// Needs a built dist/ (the release build), the npm packages (playwright-core,
// mermaid, lighthouse) and Chromium at /usr/bin/chromium (CHROMIUM=… to use
// another). About 50 seconds with the default 7 runs on 2 cores, and about
// 40 more for Lighthouse.
//
// What it does:
// - copies dist/ and Mermaid's ESM build (node_modules/mermaid/dist) into a
//   temporary directory, with the two pages of scripts/bench/ — widget.html
//   (the README's plain-HTML embed) and mermaid.html (Mermaid source
//   generated here from static/flows/rag-vs-fine-tuning.json) — so a rebuild
//   of dist/ during the run cannot change what is measured;
// - serves that copy on 127.0.0.1 with scripts/serve.mjs (brotli), and a
//   second server that answers with gzip, for the gzip byte counts;
// - loads each page cold (a new browser context each time, HTTP cache off)
//   in headless Chromium, at normal speed and at 4× CPU slowdown (CDP
//   Emulation.setCPUThrottlingRate), alternating the pages, after one
//   discarded warm-up load of each;
// - prints Markdown tables of the medians (with min–max), the widget/Mermaid
//   ratios, and the budgets of issue 5 as met / not met;
// - then runs scripts/lighthouse.mjs on the same copy of the site (its own
//   process, as it is also a command of its own) for Lighthouse's scores
//   and loading metrics of the demo page, mobile and desktop.
//
// Every wait has a timeout, the whole run has a deadline, and Chromium may
// resolve no host name (only the loopback server is reachable).

import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
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
/** The files the widget ships (what the size budget counts), by path on the bench server. */
const WIDGET_FILES = /^\/widget\//;
const MERMAID_FILES = /^\/mermaid\//;
const KIB = 1024;
const BUDGET = { shippedBrotli: 60 * KIB, firstRender: 80, firstRenderRatio: 0.25, click4x: 50 };

// ---------------------------------------------------------------------------
// Arguments and the deadline.

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: node scripts/bench.mjs [--runs N] [--mermaid-layout NAME] [--no-lighthouse]   (default: 7 runs, Mermaid\'s default layout, then Lighthouse)');
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
if (MERMAID_LAYOUT !== null && !/^[a-z][a-z.-]*$/.test(MERMAID_LAYOUT)) {
  console.error('error: --mermaid-layout takes a layout name such as dagre or elk');
  process.exit(2);
}
/** Per-wait timeouts (ms), generous for 4× slowdown on a busy machine. */
const LOAD_TIMEOUT = 60_000;
const STEP_TIMEOUT = 20_000;
const DEADLINE = 120_000 + RUNS * 2 * SPEEDS.length * 15_000;
/** The temporary copy of the site, removed however the run ends. */
let tempDir = null;
const abandon = (message, code) => {
  console.error(message);
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  process.exit(code); // playwright-core closes Chromium as the process exits
};
const deadline = setTimeout(
  () => abandon(`error: the benchmark did not finish within ${DEADLINE / 1000} s; giving up`, 3),
  DEADLINE,
);
deadline.unref();
process.once('SIGINT', () => abandon('bench: interrupted', 130));

const log = (...parts) => process.stderr.write(parts.join(' ') + '\n');

// ---------------------------------------------------------------------------
// The Mermaid source, generated from the flow file (same conventions as the
// widget's own Mermaid export, src/engine/export.rs): questions are
// diamonds, outcomes stadiums, labels the chart's short labels, edges yes
// before no.

function mermaidSource(flow) {
  const id = (nodeId) => 'n_' + nodeId.replaceAll('-', '_');
  const entities = { '"': '#quot;', '#': '#35;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '`': '#96;' };
  const label = (text) => text.replace(/["#<>&`]/g, (c) => entities[c]).replace(/[\u0000-\u001f\u007f]/g, ' ');
  const ids = new Set([...flow.questions, ...flow.outcomes].map((n) => n.id));
  const lines = ['flowchart TD'];
  for (const q of flow.questions) lines.push(`  ${id(q.id)}{"${label(q.label ?? q.text)}"}`);
  for (const o of flow.outcomes) lines.push(`  ${id(o.id)}(["${label(o.label ?? o.title)}"])`);
  let edges = 0;
  for (const q of flow.questions) {
    for (const [answer, text] of [['yes', 'Yes'], ['no', 'No']]) {
      if (!ids.has(q[answer])) throw new Error(`flow: ${q.id}.${answer} names no node`);
      lines.push(`  ${id(q.id)} -->|${text}| ${id(q[answer])}`);
      edges++;
    }
  }
  return { text: lines.join('\n'), questions: flow.questions.length, outcomes: flow.outcomes.length, edges };
}

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------------------------------------------------------------------------
// The site under test: a snapshot in a temporary directory.

async function snapshot(dir) {
  for (const file of ['embed.js', 'decision_widget.js', 'decision_widget_bg.wasm']) {
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
  return source;
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
  } catch {}

  if (kind === 'widget') {
    /** What the reader sees change on an answer: the question or the outcome. */
    const shown = (root) =>
      (root.querySelector('.dw-question-text')?.textContent ?? '') +
      '\u0000' +
      (root.querySelector('.dw-outcome-title')?.textContent ?? '');
    const watch = (root) => {
      B.root = root;
      new MutationObserver(() => {
        const t = now();
        if (B.firstRenderDom == null && root.querySelector('.dw-question-text')?.textContent.trim()) {
          B.firstRenderDom = t;
          nextFrame((frame, painted) => ((B.firstRender = frame), (B.firstPaint = painted)));
        }
        const p = B.pending;
        if (p && p.t0 != null && p.dom == null && shown(root) !== p.before) {
          p.dom = t;
          nextFrame((f, painted) => {
            B.clicks.push({ dom: p.dom - p.t0, frame: f - p.t0, painted: painted - p.t0 });
            B.pending = null;
          });
        }
      }).observe(root, { childList: true, subtree: true, characterData: true });
    };
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (...rest) {
      const root = attachShadow.apply(this, rest);
      if (this.localName === 'decision-widget' && !B.root) watch(root);
      return root;
    };
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
  return { firstRenderDom: B.firstRenderDom, firstRender: B.firstRender, firstPaint: B.firstPaint, ready: B.ready };
}

/** In the page: how many nodes and edges the chart on screen has. */
function drawnChart() {
  const svg =
    window.__bench.kind === 'widget'
      ? window.__bench.root?.querySelector('svg.dw-chart-svg')
      : document.querySelector('#chart > svg');
  return {
    nodes: svg?.querySelectorAll(window.__bench.kind === 'widget' ? 'g.dw-node' : 'g.node').length ?? 0,
    edges: svg?.querySelectorAll(window.__bench.kind === 'widget' ? 'g.dw-edge' : 'path.flowchart-link').length ?? 0,
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

    await page.goto(server.url + `${kind}.html`, { waitUntil: 'load', timeout: LOAD_TIMEOUT });
    const handle = await page.waitForFunction(loaded, null, { timeout: LOAD_TIMEOUT, polling: 50 });
    const times = await handle.jsonValue();
    if (times.error) throw new Error(`${kind} page: ${times.error}`);
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

// ---------------------------------------------------------------------------
// Main.

const started = Date.now();
const dir = (tempDir = await mkdtemp(join(tmpdir(), 'dw-bench-')));
let browser = null;
const servers = [];
try {
  const source = await snapshot(dir);
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

  // Warm-up (discarded): primes the servers' compression caches and the OS.
  const problems = new Set();
  const foreign = new Set();
  const note = (kind, r) => {
    r.problems.forEach((p) => problems.add(`${kind}: ${p}`));
    r.foreign.forEach((u) => foreign.add(u));
  };
  for (const kind of ['widget', 'mermaid']) note(kind, await coldLoad(browser, br, kind, 1, { walk: kind === 'widget', expected }));

  const loads = { widget: {}, mermaid: {} };
  for (const rate of SPEEDS) {
    loads.widget[rate] = [];
    loads.mermaid[rate] = [];
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? ['mermaid', 'widget'] : ['widget', 'mermaid'];
      for (const kind of order) {
        const r = await coldLoad(browser, br, kind, rate, { walk: kind === 'widget', expected });
        note(kind, r);
        loads[kind][rate].push(r);
        log(
          `  ${rate}× run ${i + 1}/${RUNS} ${kind.padEnd(7)} first render ${ms(r.firstRender)} ms (painted ${ms(r.firstPaint)}),` +
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
  for (const kind of ['widget', 'mermaid']) {
    const all = SPEEDS.flatMap((rate) => loads[kind][rate]);
    const brotli = bytesByPath(all[0].files);
    for (const l of all) {
      const again = bytesByPath(l.files);
      const same = again.size === brotli.size && [...again].every(([p, v]) => brotli.get(p)?.bytes === v.bytes);
      if (!same) problems.add(`${kind}: the files loaded differ between runs`);
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
      if (r.brEnc !== 'br' || r.gzEnc !== 'gzip') problems.add(`${kind}: ${r.path} was not compressed as expected (${r.brEnc}, ${r.gzEnc})`);
    }
    rows.sort((a, b) => b.brotli - a.brotli);
    const sum = (list, key) => list.reduce((n, r) => n + (r[key] ?? 0), 0);
    const lib = rows.filter((r) => (kind === 'widget' ? WIDGET_FILES : MERMAID_FILES).test(r.path));
    sizes[kind] = {
      rows,
      total: { raw: sum(rows, 'raw'), brotli: sum(rows, 'brotli'), gzip: sum(rows, 'gzip') },
      shipped: { raw: sum(lib, 'raw'), brotli: sum(lib, 'brotli'), gzip: sum(lib, 'gzip'), files: lib.length },
      wire: median(all.map((l) => l.wireTotal)),
    };
  }

  // ---- Print.
  const W = loads.widget;
  const M = loads.mermaid;
  const out = [];
  const date = new Date().toISOString().slice(0, 10);
  out.push(
    `decision-widget vs Mermaid ${mermaidVersion} (layout: ${MERMAID_LAYOUT ?? 'its default'}) — ${date}, Chromium ${browser.version()} headless, ` +
      `${cpus().length} cores (${cpus()[0]?.model?.trim() ?? 'unknown CPU'}), viewport ${VIEWPORT.width}×${VIEWPORT.height}; ` +
      `medians of ${RUNS} cold loads (min–max in brackets)`,
  );
  out.push('');
  out.push('Bytes: response bodies as the server wrote them (compressed payload, without HTTP headers), per file the page loaded.');
  out.push('');
  const fileRows = [];
  for (const kind of ['widget', 'mermaid']) {
    const s = sizes[kind];
    const shown = kind === 'widget' ? s.rows : s.rows.slice(0, 6);
    for (const r of shown) fileRows.push([`${kind === 'widget' ? 'widget' : 'Mermaid'}: \`${r.path.slice(1)}\``, kib(r.raw), kib(r.brotli), kib(r.gzip)]);
    const rest = s.rows.slice(shown.length);
    if (rest.length) {
      const sum = (key) => rest.reduce((n, r) => n + r[key], 0);
      fileRows.push([`Mermaid: ${rest.length} more chunks`, kib(sum('raw')), kib(sum('brotli')), kib(sum('gzip'))]);
    }
    const name = kind === 'widget' ? 'widget' : 'Mermaid';
    fileRows.push([`**${name} shipped** (${s.shipped.files} files, without the page)`, kib(s.shipped.raw), `**${kib(s.shipped.brotli)}**`, `**${kib(s.shipped.gzip)}**`]);
    fileRows.push([`**${name} page total** (${s.rows.length} files)`, kib(s.total.raw), kib(s.total.brotli), kib(s.total.gzip)]);
  }
  fileRows.push([
    'ratio widget/Mermaid, shipped',
    ratio(sizes.widget.shipped.raw, sizes.mermaid.shipped.raw),
    ratio(sizes.widget.shipped.brotli, sizes.mermaid.shipped.brotli),
    ratio(sizes.widget.shipped.gzip, sizes.mermaid.shipped.gzip),
  ]);
  out.push(table(['file (KiB)', 'raw', 'brotli', 'gzip'], fileRows));
  out.push('');
  out.push(
    `On the wire with HTTP headers (Chromium's Network.loadingFinished, brotli): widget page ${kib(sizes.widget.wire)} KiB, ` +
      `Mermaid page ${kib(sizes.mermaid.wire)} KiB.`,
  );
  out.push('');
  out.push('Times in ms from navigation start; memory once the chart is on screen (JS heap after a full GC).');
  out.push('');
  const rows = [];
  for (const rate of SPEEDS) {
    const r = `${rate}×`;
    const ratioOf = (key) => ratio(median(W[rate].map((l) => l[key])), median(M[rate].map((l) => l[key])));
    rows.push([`first content in the DOM (question text / final \`<svg>\`)`, r, cell(W[rate], 'firstRenderDom', ms), cell(M[rate], 'firstRenderDom', ms), ratioOf('firstRenderDom')]);
    rows.push([`**first render** (next frame after that)`, r, cell(W[rate], 'firstRender', ms), cell(M[rate], 'firstRender', ms), ratioOf('firstRender')]);
    rows.push([`first render painted (that frame's rendering done)`, r, cell(W[rate], 'firstPaint', ms), cell(M[rate], 'firstPaint', ms), ratioOf('firstPaint')]);
    rows.push([`interactive (\`decision-ready\` / \`mermaid.run()\` resolved)`, r, cell(W[rate], 'ready', ms), cell(M[rate], 'ready', ms), ratioOf('ready')]);
    rows.push([`**slowest click → next frame**, full path (${WALK.length} clicks)`, r, cell(W[rate], 'clickFrame', ms), 'static', '']);
    rows.push([`slowest click → that frame painted`, r, cell(W[rate], 'clickPainted', ms), 'static', '']);
    rows.push([`slowest click → next paint (Event Timing: 8 ms steps, none under 16 ms)`, r, cell(W[rate], 'eventTiming', eventMs), 'static', '']);
  }
  // Memory does not depend on the CPU speed: all loads of both speeds.
  const allW = SPEEDS.flatMap((rate) => W[rate]);
  const allM = SPEEDS.flatMap((rate) => M[rate]);
  const both = SPEEDS.map((rate) => `${rate}×`).join(', ');
  rows.push([`JS heap used, on screen (MiB)`, both, cell(allW, 'heap', mib), cell(allM, 'heap', mib), ratio(median(allW.map((l) => l.heap)), median(allM.map((l) => l.heap)))]);
  rows.push([`wasm memory, on screen (MiB)`, both, cell(allW, 'wasm', mib), allM.some((l) => l.wasm) ? cell(allM, 'wasm', mib) : 'none', '']);
  rows.push([`wasm memory, after the path (MiB)`, both, cell(allW, 'wasmAfterWalk', mib), '', '']);
  out.push(table(['metric', 'CPU', 'widget', 'Mermaid', 'widget/Mermaid'], rows));
  out.push('');
  // The check loop runs once each page is on screen (on the widget page,
  // V8 may still be optimising the wasm on the other core then).
  const cpu1 = median([...W[1], ...M[1]].map((l) => l.cpu));
  const cpu4 = median([...W[4], ...M[4]].map((l) => l.cpu));
  out.push(
    `CPU slowdown check: a fixed JS loop, run on both pages once on screen, took ${ms(cpu1)} ms at 1× ` +
      `and ${ms(cpu4)} ms at 4× (${ratio(cpu4, cpu1)}); network, compositing and V8's background threads are not slowed.`,
  );
  out.push('');

  const met = (ok) => (ok ? 'met' : '**not met**');
  const fr1 = median(W[1].map((l) => l.firstRender));
  const frM1 = median(M[1].map((l) => l.firstRender));
  const click4 = median(W[4].map((l) => l.clickFrame));
  const fp1 = median(W[1].map((l) => l.firstPaint));
  const fpM1 = median(M[1].map((l) => l.firstPaint));
  const clickPainted4 = median(W[4].map((l) => l.clickPainted));
  const event4 = median(W[4].map((l) => l.eventTiming));
  out.push('Budgets (issue 5):');
  out.push(`- widget shipped ≤ 60 KiB brotli: ${kib(sizes.widget.shipped.brotli)} KiB — ${met(sizes.widget.shipped.brotli <= BUDGET.shippedBrotli)}`);
  out.push(
    `- first render ≤ 80 ms at 1×: ${ms(fr1)} ms — ${met(fr1 <= BUDGET.firstRender)}` +
      ` (painted: ${ms(fp1)} ms — ${met(fp1 <= BUDGET.firstRender)})`,
  );
  out.push(
    `- first render ≤ 0.25× Mermaid at 1×: ${ratio(fr1, frM1)} — ${met(fr1 / frM1 <= BUDGET.firstRenderRatio)}` +
      ` (painted: ${ratio(fp1, fpM1)} — ${met(fp1 / fpM1 <= BUDGET.firstRenderRatio)})`,
  );
  out.push(
    `- click to next frame ≤ 50 ms at 4×: ${ms(click4)} ms — ${met(click4 <= BUDGET.click4x)}` +
      ` (painted: ${ms(clickPainted4)} ms — ${met(clickPainted4 <= BUDGET.click4x)};` +
      ` Event Timing: ${eventMs(event4)} ms — ${met(event4 <= BUDGET.click4x)})`,
  );
  if (problems.size || foreign.size) {
    out.push('');
    out.push('Warnings:');
    for (const p of problems) out.push(`- ${p}`);
    for (const u of foreign) out.push(`- request outside the loopback server: ${u}`);
  }
  console.log(out.join('\n'));
  log(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  if (!args.includes('--no-lighthouse')) {
    // Lighthouse starts its own Chromium and keeps its own time limits:
    // free this one's CPU first, and lift this run's deadline.
    await browser?.close().catch(() => {});
    clearTimeout(deadline);
    console.log('');
    const lighthouse = spawnSync(process.execPath, [join(REPO, 'scripts', 'lighthouse.mjs'), '--dist', join(dir, 'widget')], {
      stdio: 'inherit',
    });
    if (lighthouse.status !== 0) log(`bench: the Lighthouse report failed (exit ${lighthouse.status ?? lighthouse.signal})`);
  }
} finally {
  await browser?.close().catch(() => {});
  for (const s of servers) await s.close();
  await rm(dir, { recursive: true, force: true });
  clearTimeout(deadline);
}
