// @ts-check
// The package's command line (bin/decision-widget.js, `npx decision-widget`)
// against the native one (src/cli.rs): the same arguments on the same files
// give the same stdout, the same stderr and the same exit code, byte for
// byte — good and bad flows of both formats, JSON that is not JSON, Mermaid
// charts good and bad, every export format and language, the standard
// input, files that cannot be read, help, version and misuse. The bin is
// the one in the package tarball (package-harness.mjs), run as `node
// bin/decision-widget.js` from an extraction of it and as `npx
// decision-widget` from a project that installed the tarball.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile as execFileCallback, spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, packageTarball, unpackedPackage } from './package-harness.mjs';

const execFile = promisify(execFileCallback);

/** @typedef {{ stdout: string, stderr: string, code: number | null }} Ran */

const env = {
  /** The native command line (a debug build: its output is the release build's). */
  native: join(ROOT, 'target', 'debug', 'decision-widget'),
  /** The package's bin, in an extraction of the tarball. */
  bin: '',
  /** The files both run on, as their working directory. */
  corpus: '',
  /** A project that installed the tarball. */
  project: '',
};

/** A format 1 flow with several problems, on several lines. */
const BROKEN_FORMAT_1 = `{
  "format": 1,
  "id": "Tea",
  "version": 1,
  "title": "",
  "start": "kettle",
  "questions": [
    { "id": "kettle", "text": "Is the kettle on?", "yes": "cup", "no": "nowhere" },
    { "id": "kettle", "text": "Again?", "yes": "cup", "no": "cup" }
  ],
  "outcomes": [{ "id": "cup", "title": "A cup", "summary": "Pour it." }]
}
`;

/** A format 2 flow whose choices share an id, lack a label and lead nowhere. */
const BROKEN_FORMAT_2 = `{
  "format": 2,
  "id": "walk",
  "version": 1,
  "title": "A walk",
  "start": "rain",
  "questions": [
    { "id": "rain", "text": "Raining?", "yes": "coat", "no": "where" },
    { "id": "where", "text": "Where to?", "choices": [
      { "id": "park", "label": "", "next": "coat" },
      { "id": "park", "label": "The beach", "next": "sea" }
    ] }
  ],
  "outcomes": [{ "id": "coat", "title": "Take a coat", "summary": "It is wet." }]
}
`;

before(async () => {
  await execFile('cargo', ['build', '-q', '-p', 'decision-widget'], { cwd: ROOT, maxBuffer: 1 << 24 });
  env.bin = join(await unpackedPackage(), 'bin', 'decision-widget.js');

  const corpus = await mkdtemp(join(tmpdir(), 'dw-cli-corpus-'));
  env.corpus = corpus;
  for (const name of ['good.json', 'broken.json', 'not-json.json', 'chart.mmd', 'bad-chart.mmd']) {
    await copyFile(join(ROOT, 'tests', 'fixtures', name), join(corpus, name));
  }
  await mkdir(join(corpus, 'flows'));
  await copyFile(join(ROOT, 'static', 'flows', 'rag-vs-fine-tuning.json'), join(corpus, 'flows', 'article.json'));
  await copyFile(join(ROOT, 'static', 'flows', 'data-pipeline-schedule.json'), join(corpus, 'flows', 'pipeline.json'));
  await writeFile(join(corpus, 'format-1-broken.json'), BROKEN_FORMAT_1);
  await writeFile(join(corpus, 'format-2-broken.json'), BROKEN_FORMAT_2);
  await writeFile(join(corpus, 'empty.json'), '');
  await writeFile(join(corpus, 'latin-1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
  await writeFile(join(corpus, 'locked.json'), '{}');
  await chmod(join(corpus, 'locked.json'), 0o000);
  await writeFile(join(corpus, '100% sure, really.json'), BROKEN_FORMAT_1);
  await writeFile(join(corpus, 'Which Coffee.mmd'), await readFile(join(ROOT, 'tests', 'fixtures', 'chart.mmd')));

  const project = await mkdtemp(join(tmpdir(), 'dw-cli-project-'));
  env.project = project;
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'dw-cli-user', private: true, type: 'module' }));
  await execFile('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--offline', packageTarball()], {
    cwd: project,
  });
  await copyFile(join(ROOT, 'tests', 'fixtures', 'good.json'), join(project, 'good.json'));
  await copyFile(join(ROOT, 'tests', 'fixtures', 'broken.json'), join(project, 'broken.json'));
});

after(async () => {
  for (const dir of [env.corpus, env.project]) if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * Runs `command args` in `cwd`, with `input` on its stdin.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, input?: string }} options
 * @returns {Promise<Ran>}
 */
function ran(command, args, { cwd, input }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    /** @type {Buffer[]} */
    const out = [];
    /** @type {Buffer[]} */
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code }),
    );
    // A command that does not read its stdin may end before it is written.
    child.stdin.on('error', (error) => {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EPIPE') reject(error);
    });
    child.stdin.end(input ?? '');
  });
}

/**
 * Runs both command lines on `args` in the corpus, asserts that they say
 * the same, and returns what they said.
 * @param {string[]} args
 * @param {string} [input] the standard input
 * @returns {Promise<Ran>}
 */
async function same(args, input) {
  const [native, node] = await Promise.all([
    ran(env.native, args, { cwd: env.corpus, input }),
    ran(process.execPath, [env.bin, ...args], { cwd: env.corpus, input }),
  ]);
  assert.deepEqual(node, native, `decision-widget ${args.join(' ')}: the package's command line differs from the native one`);
  return native;
}

const ANSWERS = 'dw1/coffee@1/time=morning/milk=n';

test('check: valid files, broken files of both formats with several problems each, JSON that is not JSON', async () => {
  const valid = await same(['check', 'good.json', 'flows/article.json', 'flows/pipeline.json']);
  assert.equal(valid.code, 0);
  assert.equal(valid.stdout, '');
  assert.equal(valid.stderr, 'decision-widget check: 3 flow files valid\n');

  const broken = await same(['check', 'good.json', 'broken.json', 'format-1-broken.json', 'format-2-broken.json', 'not-json.json']);
  assert.equal(broken.code, 1);
  const lines = broken.stdout.trimEnd().split('\n');
  assert.ok(lines.filter((l) => l.startsWith('format-1-broken.json:')).length >= 3, broken.stdout);
  assert.ok(lines.filter((l) => l.startsWith('format-2-broken.json:')).length >= 2, broken.stdout);
  for (const line of lines) assert.match(line, /^[\w./-]+:\d+:\d+: .+/);
  assert.match(broken.stdout, /^broken\.json:14:47: question `time`: answer `night` leads to unknown node `bed`$/m);
  assert.match(broken.stdout, /^not-json\.json:6:1: the file is not valid JSON/m);
  assert.equal(broken.stderr, 'decision-widget check: 4 of 5 flow files with problems\n');

  const empty = await same(['check', 'empty.json']);
  assert.equal(empty.code, 1);
  assert.match(empty.stdout, /^empty\.json:1:1: /);
});

test('check --format json and --format github say the same, escaped as GitHub reads annotations', async () => {
  const json = await same(['check', '--format', 'json', 'good.json', 'broken.json', 'format-1-broken.json']);
  assert.equal(json.code, 1);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(
    report.map((/** @type {{ file: string, valid: boolean }} */ f) => [f.file, f.valid]),
    [
      ['good.json', true],
      ['broken.json', false],
      ['format-1-broken.json', false],
    ],
  );

  const github = await same(['check', '--format=github', 'broken.json', '100% sure, really.json', 'good.json']);
  assert.equal(github.code, 1);
  const annotations = github.stdout.trimEnd().split('\n');
  assert.equal(annotations[2], '::error file=broken.json,line=14,col=47::question `time`: answer `night` leads to unknown node `bed`');
  const escaped = annotations.filter((a) => a.startsWith('::error file=100%25 sure%2C really.json,line='));
  assert.ok(escaped.length >= 3, github.stdout);
  for (const annotation of annotations) assert.match(annotation, /^::error file=[^,:]+,line=\d+,col=\d+::[^\r\n]+$/);
});

test('the standard input is `-`, read once for every `-`, and shown as <stdin>', async () => {
  const text = await readFile(join(ROOT, 'tests', 'fixtures', 'broken.json'), 'utf8');
  const checked = await same(['check', '-', 'good.json', '-'], text);
  assert.equal(checked.code, 1);
  assert.equal(checked.stdout.split('\n').filter((l) => l.startsWith('<stdin>:13:17: ')).length, 2, checked.stdout);
  const chart = await readFile(join(ROOT, 'tests', 'fixtures', 'chart.mmd'), 'utf8');
  const imported = await same(['import-mermaid', '-'], chart);
  assert.equal(imported.code, 0);
  assert.equal(JSON.parse(imported.stdout).id, 'flow', 'a flow from the standard input is named flow');
  const exported = await same(['export', '--format', 'text', '-', '--answers', ANSWERS], await readFile(join(ROOT, 'tests', 'fixtures', 'good.json'), 'utf8'));
  assert.match(exported.stdout, /Recommendation: Filter coffee/);
  const nothing = await same(['check', '-'], '');
  assert.equal(nothing.code, 1);
});

test('import-mermaid: a chart becomes the same flow; a bad chart names the same lines', async () => {
  const good = await same(['import-mermaid', 'chart.mmd']);
  assert.equal(good.code, 0);
  assert.equal(JSON.parse(good.stdout).title, 'Which coffee?');
  const named = await same(['import-mermaid', '--id', 'my-coffee', '--title', 'My coffee', 'Which Coffee.mmd']);
  assert.equal(JSON.parse(named.stdout).id, 'my-coffee');
  const fromName = await same(['import-mermaid', 'Which Coffee.mmd']);
  assert.equal(JSON.parse(fromName.stdout).id, 'which-coffee', 'the id from the file name');
  const bad = await same(['import-mermaid', 'bad-chart.mmd']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^bad-chart\.mmd:3: the edge from question `time` to `espresso` has no label/);
});

test('export: every format, the built-in flow, languages, damaged and wrong links, a broken flow', async () => {
  for (const format of ['markdown', 'json', 'text', 'svg', 'mermaid']) {
    const out = await same(['export', '--format', format, 'good.json', '--answers', ANSWERS, '--page', 'https://example.blog/coffee/', '--date', '2026-12-01']);
    assert.equal(out.code, 0, `${format}: ${out.stderr}`);
    assert.ok(out.stdout.length > 50, format);
  }
  for (const lang of ['de', 'fr', 'es', 'pt-BR', 'ja', 'ar', 'en', 'xx']) {
    const out = await same(['export', '--format', 'markdown', 'rag-vs-fine-tuning', '--lang', lang, '--answers', 'dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n']);
    assert.equal(out.code, 0, `${lang}: ${out.stderr}`);
  }
  const german = await same(['export', '--format', 'text', 'rag-vs-fine-tuning', '--lang', 'de']);
  assert.match(german.stdout, /Entscheidung/, 'the export in German');
  const svg = await same(['export', '--format', 'svg', 'rag-vs-fine-tuning', '--answers', 'https://blog.example/post/#dw1/rag-vs-fine-tuning@1/data-freshness=y']);
  assert.match(svg.stdout, /<svg xmlns=/);
  const damaged = await same(['export', '--format', 'text', 'good.json', '--answers', 'dw1/coffee@1/time=noon']);
  assert.equal(damaged.code, 0);
  assert.match(damaged.stderr, /“noon”/);
  const wrong = await same(['export', '--format', 'json', 'good.json', '--answers', 'nonsense']);
  assert.equal(wrong.code, 2);
  const broken = await same(['export', '--format', 'text', 'format-2-broken.json']);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /^format-2-broken\.json:\d+:\d+: /);
});

test('files that cannot be read are misuse, before any output', async () => {
  const missing = await same(['check', 'good.json', 'no-such-file.json', 'broken.json']);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  assert.equal(missing.stderr, 'decision-widget: no-such-file.json: no such file\n');
  assert.equal((await same(['check', 'flows'])).code, 2);
  assert.equal((await same(['check', 'latin-1.json'])).stderr, 'decision-widget: latin-1.json: not UTF-8 text\n');
  assert.equal((await same(['check', 'good.json/x.json'])).code, 2);
  if (process.getuid?.() !== 0) assert.equal((await same(['check', 'locked.json'])).code, 2);
  assert.equal((await same(['import-mermaid', 'no-such-chart.mmd'])).code, 2);
  assert.equal((await same(['export', '--format', 'text', 'no-such-flow.json'])).code, 2);
});

test('help, version and misuse: the same texts and exit codes', async () => {
  const help = await same(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: decision-widget <COMMAND>/);
  for (const command of ['check', 'import-mermaid', 'prerender', 'export']) {
    for (const flag of ['--help', '-h']) {
      const out = await same([command, flag]);
      assert.equal(out.code, 0);
      assert.ok(out.stdout.includes(`Usage: decision-widget ${command}`), out.stdout);
    }
    await same(['help', command]);
  }
  assert.match((await same(['check', '--help'])).stdout, /github/, 'the help names the GitHub format');
  for (const args of [['-h'], ['help'], ['--version'], ['-V'], ['check', '-h', '--strict']]) {
    assert.equal((await same(args)).code, 0, args.join(' '));
  }
  assert.equal((await same([])).code, 2, 'no command: the help on stderr');
  for (const args of [
    ['frobnicate'],
    ['chek', 'good.json'],
    ['--strict'],
    ['help', 'frobnicate'],
    ['check'],
    ['check', '--strict', 'good.json'],
    ['check', '--strict=yes', 'good.json'],
    ['check', '-x', 'good.json'],
    ['check', '--format', 'yaml', 'good.json'],
    ['check', '--format'],
    ['check', '--format='],
    ['check', '--format', '--help'],
    ['check', '--format', '--strict', 'good.json'],
    ['check', '--format', 'json', '--format', 'text', 'good.json'],
    ['check', '--strict', '--help'],
    ['import-mermaid'],
    ['import-mermaid', 'chart.mmd', 'bad-chart.mmd'],
    ['import-mermaid', 'chart.mmd', '--id'],
    ['export', 'good.json'],
    ['export', '--format', 'json'],
    ['export'],
    ['export', '--format', 'pdf', 'good.json'],
    ['export', '--format', 'text', 'good.json', '--lang'],
    ['--', 'check'],
  ]) {
    const out = await same(args);
    assert.equal(out.code, 2, args.join(' '));
    assert.equal(out.stdout, '', args.join(' '));
    assert.match(out.stderr, /^decision-widget[ :]/, args.join(' '));
  }
  assert.equal((await same(['check', '--', '--format'])).stderr, 'decision-widget: --format: no such file\n');
  assert.equal((await same(['check', '--format=json', '--', 'good.json'])).code, 0);
});

test('prerender is the native command line’s: the package’s says so and exits 2', async () => {
  const out = await ran(process.execPath, [env.bin, 'prerender', 'page.html'], { cwd: env.corpus });
  assert.equal(out.code, 2);
  assert.equal(out.stdout, '');
  assert.match(out.stderr, /^decision-widget prerender: .*native command line/);
});

test('npx decision-widget check, from a project that installed the tarball', async () => {
  const good = await ran('npx', ['--no', 'decision-widget', 'check', 'good.json'], { cwd: env.project });
  assert.deepEqual(good, { stdout: '', stderr: 'decision-widget check: 1 flow file valid\n', code: 0 });
  const bad = await ran('npx', ['--no', 'decision-widget', 'check', 'good.json', 'broken.json'], { cwd: env.project });
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout.split('\n')[0], 'broken.json:13:17: question `time`: choice id `morning` is used by another choice of this question too');
  assert.equal(bad.stderr, 'decision-widget check: 1 of 2 flow files with problems\n');
  const github = await ran('npx', ['--no', 'decision-widget', 'check', '--format', 'github', 'broken.json'], { cwd: env.project });
  assert.equal(github.code, 1);
  assert.match(github.stdout, /^::error file=broken\.json,line=13,col=17::question `time`: /);
});
