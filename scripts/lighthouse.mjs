// Lighthouse over the demo page (index.html) of the built site, as a
// report, not a test: it prints the category scores and the loading
// metrics, the median of a few runs, with Lighthouse's mobile preset (a
// mid-range phone on a slow 4G connection, simulated) and its desktop
// preset, then every audit that keeps accessibility, best practices or SEO
// below 100. It never fails on a score.
//
//   node scripts/lighthouse.mjs [--runs N] [--mobile-only] [--dist DIR]
//
//   --runs N         runs per preset (default 3)
//   --mobile-only    skip the desktop preset (halves the time)
//   --dist DIR       the built site to audit (default dist/)
//
// Needs a built dist/ (the release build), the npm packages (lighthouse,
// chrome-launcher) and Chromium at /usr/bin/chromium (CHROMIUM=… to use
// another). About a minute with the defaults on 2 cores.
//
// It copies dist/ into a temporary directory (so a rebuild during the run
// cannot change what is measured) and serves it on 127.0.0.1 with
// scripts/serve.mjs, with brotli, as the site is meant to be served.
// Nothing leaves the machine: Chromium may resolve no host name, and the
// page is audited at the IP literal. Throttling is Lighthouse's simulated
// one, which needs no network either. The SEO score is partly about the
// public site (robots.txt, crawlability); served from a test server it
// measures the page itself, not the deployment.

import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { launch } from 'chrome-launcher';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const CATEGORY_NAMES = { performance: 'performance', accessibility: 'accessibility', 'best-practices': 'best practices', seo: 'SEO' };
/** The loading metrics shown, by Lighthouse audit id, with how each prints. */
const METRICS = [
  ['first-contentful-paint', 'FCP', (v) => `${Math.round(v)} ms`],
  ['largest-contentful-paint', 'LCP', (v) => `${Math.round(v)} ms`],
  ['total-blocking-time', 'TBT', (v) => `${Math.round(v)} ms`],
  ['cumulative-layout-shift', 'CLS', (v) => v.toFixed(3)],
];
/** Each run may take this long before the whole report gives up (ms). */
const RUN_TIMEOUT = 90_000;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: node scripts/lighthouse.mjs [--runs N] [--mobile-only] [--dist DIR]   (default: 3 runs, mobile and desktop, dist/)');
  process.exit(0);
}
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? (args[at + 1] ?? '') : null;
};
const RUNS = Number(option('--runs') ?? 3);
const DIST = resolve(option('--dist') ?? join(REPO, 'dist'));
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 20) {
  console.error('error: --runs takes a whole number from 1 to 20');
  process.exit(2);
}
const PRESETS = [
  { name: 'mobile', config: undefined },
  ...(args.includes('--mobile-only') ? [] : [{ name: 'desktop', config: desktopConfig }]),
];

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`error: no built site in ${DIST}: run the release build first (bash scripts/test.sh, or cargo xtask dist)`);
  process.exit(1);
}

const log = (...parts) => process.stderr.write(parts.join(' ') + '\n');
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const withTimeout = (promise, ms, what) => {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

const dir = await mkdtemp(join(tmpdir(), 'dw-lighthouse-'));
let server = null;
let chrome = null;
try {
  await cp(DIST, join(dir, 'site'), { recursive: true });
  const served = await serve({ root: join(dir, 'site'), port: 0 });
  server = served.server;
  const url = served.url;

  chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: [
      ...CHROMIUM_ARGS,
      '--headless=new',
      // Loopback only: no host name resolves; the page is at 127.0.0.1.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
    logLevel: 'silent',
  });
  const version = JSON.parse(await readFile(join(REPO, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version;

  const results = {};
  const foreign = new Set();
  for (const preset of PRESETS) {
    results[preset.name] = [];
    for (let run = 1; run <= RUNS; run++) {
      log(`lighthouse: ${preset.name} run ${run} of ${RUNS}`);
      const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES };
      const result = await withTimeout(lighthouse(url, flags, preset.config), RUN_TIMEOUT, `a ${preset.name} run`);
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`Lighthouse returned no result for the ${preset.name} run ${run}`);
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      for (const request of lhr.audits['network-requests']?.details?.items ?? []) {
        if (!/^(data|blob):/.test(request.url) && new URL(request.url).origin !== new URL(url).origin) foreign.add(request.url);
      }
      results[preset.name].push(lhr);
    }
  }

  // ---- Print.
  const first = Object.values(results)[0][0];
  const out = [];
  out.push(
    `Lighthouse ${version} on the demo page (index.html, served with brotli), Chromium ${first.environment?.hostUserAgent?.match(/Chrome\/([\d.]+)/)?.[1] ?? '?'} headless; ` +
      `median of ${RUNS} run${RUNS > 1 ? 's' : ''} per preset (simulated throttling: mobile is a mid-range phone on slow 4G, desktop a fast wired machine)`,
  );
  out.push('');
  const header = ['', ...PRESETS.map((p) => p.name)];
  const rows = [];
  for (const id of CATEGORIES) {
    rows.push([
      CATEGORY_NAMES[id],
      ...PRESETS.map((p) => {
        const scores = results[p.name].map((lhr) => lhr.categories[id]?.score).filter((s) => typeof s === 'number');
        return scores.length ? String(Math.round(median(scores) * 100)) : 'n/a';
      }),
    ]);
  }
  for (const [id, name, format] of METRICS) {
    rows.push([
      name,
      ...PRESETS.map((p) => {
        const values = results[p.name].map((lhr) => lhr.audits[id]?.numericValue).filter((v) => typeof v === 'number');
        return values.length ? format(median(values)) : 'n/a';
      }),
    ]);
  }
  out.push(table(header, rows));

  // Every audit that cost points outside performance, in any run, once.
  const failing = new Map();
  for (const preset of PRESETS) {
    for (const lhr of results[preset.name]) {
      for (const id of CATEGORIES.filter((c) => c !== 'performance')) {
        for (const ref of lhr.categories[id]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
          const key = `${id}/${ref.id}`;
          const entry = failing.get(key) ?? { category: CATEGORY_NAMES[id], audit, presets: new Set() };
          entry.presets.add(preset.name);
          failing.set(key, entry);
        }
      }
    }
  }
  out.push('');
  if (failing.size) {
    out.push('Audits that cost accessibility, best-practice or SEO points:');
    for (const { category, audit, presets } of failing.values()) {
      const where = (audit.details?.items ?? [])
        .slice(0, 3)
        .map((item) => item.node?.selector ?? item.source?.url ?? item.url ?? item.description)
        .filter(Boolean);
      out.push(`- ${category}: \`${audit.id}\` — ${audit.title} (${[...presets].join(', ')})${where.length ? `: ${where.join('; ')}` : ''}`);
    }
  } else {
    out.push('No audit costs accessibility, best-practice or SEO points.');
  }
  // Lighthouse's trace engine can lag the local Chromium's trace format;
  // an audit that errors is left out of its category's score, so say so.
  const errored = new Map();
  for (const lhr of Object.values(results).flat()) {
    for (const audit of Object.values(lhr.audits)) {
      if (audit.scoreDisplayMode !== 'error') continue;
      // The root cause, without the gatherer chain that leads to it.
      const why = (audit.errorMessage ?? 'no message').split('\n')[0].replace(/^.*(?:error|exception): /, '');
      errored.set(why, [...(errored.get(why) ?? new Set()), audit.id]);
    }
  }
  if (errored.size) {
    out.push('');
    for (const [why, ids] of errored) {
      out.push(`Audits Lighthouse could not run here (not scored): ${[...new Set(ids)].map((id) => `\`${id}\``).join(', ')} — ${why}`);
    }
  }
  if (foreign.size) {
    out.push('');
    out.push(`Warning: requests outside the loopback server: ${[...foreign].join(', ')}`);
  }
  console.log(out.join('\n'));
} catch (error) {
  console.error(`error: lighthouse: ${error.message}`);
  process.exitCode = 1;
} finally {
  await chrome?.kill();
  if (server) {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
  await rm(dir, { recursive: true, force: true });
}

/** A Markdown table, columns padded to line up in a terminal. */
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}
