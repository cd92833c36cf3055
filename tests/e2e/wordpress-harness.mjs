// A real WordPress for the WordPress end-to-end test: Debian's `wordpress`
// package served by Apache with mod_php, on MariaDB, both started directly
// (these machines have no init system) and stopped by PID. Everything
// lives in one scratch directory; nothing listens beyond loopback (Apache
// on 127.0.0.1, MariaDB on a Unix socket only).
//
//   const wp = await startWordPress();          // installs the site, logs in the administrator
//   const author = await wp.createUser('author');
//   const post = await author.post('Title', '<!-- wp:paragraph -->…');
//   await wp.stop();
//
// `ensure_wordpress` in scripts/lib.sh installs the packages. The site's
// configuration goes where Debian's wp-config.php looks for it,
// /etc/wordpress/config-<name>.php (named by WORDPRESS_CONFIG, set in the
// Apache configuration), and is removed again by `stop()`.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { request } from 'playwright-core';

/** Debian's WordPress: code, content directory and configuration directory. */
export const WORDPRESS = '/usr/share/wordpress';
const CONTENT = '/var/lib/wordpress/wp-content';
const CONFIGS = '/etc/wordpress';
/** The name Debian's wp-config.php turns into /etc/wordpress/config-<name>.php. */
const CONFIG_NAME = 'decision-widget-e2e';
const CONFIG_FILE = join(CONFIGS, `config-${CONFIG_NAME}.php`);
/** One scratch directory, so a run can find and stop what an interrupted run left. */
const SCRATCH = join(tmpdir(), 'decision-widget-wordpress');
const MODULES = '/usr/lib/apache2/modules';
/** Where WordPress installs uploaded plugins. */
const PLUGINS = join(CONTENT, 'plugins');

/** How long a daemon may take to start, and a request to answer (ms). */
const START_TIMEOUT = 60_000;

/** Whether the packages `ensure_wordpress` installs are all here. */
export function wordpressInstalled() {
  return (
    existsSync(join(WORDPRESS, 'wp-admin/install.php')) &&
    existsSync('/usr/sbin/mariadbd') &&
    existsSync('/usr/sbin/apache2') &&
    phpModule() !== null
  );
}

function phpModule() {
  try {
    const name = readdirSync(MODULES).find((file) => /^libphp[\d.]*\.so$/.test(file));
    return name ? join(MODULES, name) : null;
  } catch {
    return null;
  }
}

const isRoot = () => process.getuid?.() === 0;

/** The version of Debian's WordPress, from its version.php. */
export function wordpressVersion() {
  return readFileSync(join(WORDPRESS, 'wp-includes/version.php'), 'utf8').match(/\$wp_version = '([^']+)'/)?.[1] ?? '?';
}

// ---------------------------------------------------------------------------
// Daemons

/** A process this module started, stopped by its PID. */
class Daemon {
  constructor(name, command, args, log) {
    this.name = name;
    this.log = log;
    // A process group of its own: Apache's prefork MPM stops its workers
    // by signalling its whole process group, which would otherwise be ours.
    this.child = spawn(command, args, { stdio: 'ignore', detached: true });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
      this.child.once('error', (error) => resolve({ code: null, signal: null, error }));
    });
  }

  get pid() {
    return this.child.pid;
  }

  /** The last lines of the daemon's log, for an error message. */
  async tail(lines = 15) {
    const text = await readFile(this.log, 'utf8').catch(() => '');
    return text.trim().split('\n').slice(-lines).join('\n');
  }

  /**
   * Resolves once `ready()` holds; rejects as soon as the daemon exits, or
   * after START_TIMEOUT, with the end of its log.
   */
  async waitUntil(ready, what) {
    const started = Date.now();
    let exited = null;
    this.exited.then((status) => (exited = status));
    for (;;) {
      if (exited) {
        throw new Error(`${this.name} exited while starting (${JSON.stringify(exited)}):\n${await this.tail()}`);
      }
      if (await ready()) return;
      if (Date.now() - started > START_TIMEOUT) {
        throw new Error(`${this.name} did not become ${what} within ${START_TIMEOUT / 1000} s:\n${await this.tail()}`);
      }
      // Neither daemon announces readiness other than through systemd, so
      // ask again shortly.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` to the process if it still runs. */
  signal(signal) {
    if (this.running) this.child.kill(signal);
  }

  /** Sends SIGTERM and waits for the process to exit (SIGKILL after 20 s). */
  async stop() {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Whether something accepts connections at `target` ({ path } or { port, host }). */
function accepts(target) {
  return new Promise((resolve) => {
    const socket = connect(target);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Stops the daemons an interrupted earlier run left behind: the PIDs in
 * its pid files, when those processes still run from this scratch
 * directory.
 */
async function stopLeftovers() {
  for (const file of ['mariadb/mysqld.pid', 'apache.pid']) {
    const pid = Number((await readFile(join(SCRATCH, file), 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(pid) || pid <= 1) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.includes(SCRATCH)) continue;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      continue;
    }
    const until = Date.now() + 20_000;
    while (existsSync(`/proc/${pid}`) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startMariaDB(password) {
  // Its own directory, owned by the user it runs as: data, socket, pid
  // file and log.
  const home = join(SCRATCH, 'mariadb');
  const data = join(home, 'data');
  const socket = join(home, 'mysqld.sock');
  const pidFile = join(home, 'mysqld.pid');
  const log = join(home, 'error.log');
  const user = isRoot() ? ['--user=mysql'] : [];
  await mkdir(data, { recursive: true });
  // The database and its user, created at start-up; the scratch directory
  // is new every run.
  const init = join(home, 'init.sql');
  await writeFile(
    init,
    'CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4;\n' +
      `CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY '${password}';\n` +
      "GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';\n",
  );
  if (isRoot()) await chownTo('mysql', home);
  const install = spawn('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, ...user, '--skip-test-db', '--auth-root-authentication-method=socket'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  install.stdout.on('data', (chunk) => (output += chunk));
  install.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => install.once('exit', resolve));
  if (code !== 0) throw new Error(`mariadb-install-db failed (${code}):\n${output.slice(-2000)}`);
  const daemon = new Daemon('MariaDB', '/usr/sbin/mariadbd', [
    '--no-defaults',
    `--datadir=${data}`,
    `--socket=${socket}`,
    `--pid-file=${pidFile}`,
    `--log-error=${log}`,
    `--init-file=${init}`,
    // No TCP at all: WordPress reaches it through the socket.
    '--skip-networking',
    '--skip-log-bin',
    // Small and quick to start: this database holds a handful of posts.
    '--innodb-buffer-pool-size=32M',
    '--innodb-log-file-size=16M',
    ...user,
  ], log);
  // The socket appears before the init file has run; the pid file after.
  await daemon.waitUntil(async () => existsSync(pidFile) && (await accepts({ path: socket })), 'ready');
  return { daemon, socket };
}

async function chownTo(user, path) {
  const child = spawn('chown', ['-R', `${user}:${user}`, path], { stdio: 'ignore' });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`chown ${user} ${path} failed`);
}

async function startApache(port) {
  const log = join(SCRATCH, 'apache-error.log');
  const php = phpModule();
  const load = (name, file = `mod_${name}.so`) => `LoadModule ${name}_module ${join(MODULES, file)}`;
  const conf = join(SCRATCH, 'apache.conf');
  await writeFile(
    conf,
    [
      `ServerRoot ${SCRATCH}`,
      `Listen 127.0.0.1:${port}`,
      'ServerName 127.0.0.1',
      `PidFile ${join(SCRATCH, 'apache.pid')}`,
      `ErrorLog ${log}`,
      'LogLevel warn',
      load('mpm_prefork'),
      load('authz_core'),
      load('alias'),
      load('dir'),
      load('env'),
      load('mime'),
      load('rewrite'),
      `LoadModule php_module ${php}`,
      'TypesConfig /etc/mime.types',
      ...(isRoot() ? ['User www-data', 'Group www-data'] : []),
      // A few workers: the test's browser and WordPress's own request to the
      // widget's site run at the same time.
      'StartServers 2',
      'MinSpareServers 2',
      'MaxSpareServers 4',
      'MaxRequestWorkers 8',
      `DocumentRoot ${WORDPRESS}`,
      `Alias /wp-content ${CONTENT}`,
      'DirectoryIndex index.php index.html',
      '<Directory />',
      '  Require all denied',
      '  AllowOverride None',
      '</Directory>',
      `<Directory ${WORDPRESS}>`,
      '  Options FollowSymLinks',
      '  Require all granted',
      // Debian's /etc/wordpress/htaccess, single blog: pretty permalinks,
      // as WordPress sets them up when it finds mod_rewrite.
      '  RewriteEngine On',
      '  RewriteBase /',
      '  RewriteRule ^index\\.php$ - [L]',
      '  RewriteCond %{REQUEST_FILENAME} !-f',
      '  RewriteCond %{REQUEST_FILENAME} !-d',
      '  RewriteRule . /index.php [L]',
      '</Directory>',
      `<Directory ${CONTENT}>`,
      '  Options FollowSymLinks',
      '  Require all granted',
      '</Directory>',
      '<Directory /usr/share/javascript>',
      '  Require all granted',
      '</Directory>',
      '<FilesMatch "\\.php$">',
      '  SetHandler application/x-httpd-php',
      '</FilesMatch>',
      `SetEnv WORDPRESS_CONFIG ${CONFIG_NAME}`,
      '',
    ].join('\n'),
  );
  const daemon = new Daemon('Apache', '/usr/sbin/apache2', ['-f', conf, '-DFOREGROUND'], log);
  await daemon.waitUntil(() => accepts({ host: '127.0.0.1', port }), 'ready');
  return daemon;
}

// ---------------------------------------------------------------------------
// The site

/** Runs `query` with the mariadb client as WordPress's database user. */
async function sql(socket, password, query) {
  const client = spawn('mariadb', ['--no-defaults', `--socket=${socket}`, '--user=wordpress', '--batch', '--skip-column-names', '--raw', 'wordpress', '-e', query], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Not on the command line, where other users could read it.
    env: { ...process.env, MYSQL_PWD: password },
  });
  let out = '';
  let err = '';
  client.stdout.on('data', (chunk) => (out += chunk));
  client.stderr.on('data', (chunk) => (err += chunk));
  const code = await new Promise((resolve) => client.once('exit', resolve));
  if (code !== 0) throw new Error(`mariadb: ${err.trim()} (in: ${query})`);
  return out.split('\n').filter(Boolean).map((line) => line.split('\t'));
}

/** A PHP string literal. */
const php = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function random(n = 24) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => alphabet[b % alphabet.length]).join('');
}

async function writeConfig({ socket, password }) {
  const keys = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
  const text = [
    '<?php',
    '// The decision-widget end-to-end test\'s WordPress; written and removed by tests/e2e/wordpress-harness.mjs.',
    "define('DB_NAME', 'wordpress');",
    "define('DB_USER', 'wordpress');",
    `define('DB_PASSWORD', ${php(password)});`,
    `define('DB_HOST', ${php('localhost:' + socket)});`,
    "define('DB_CHARSET', 'utf8mb4');",
    ...keys.map((key) => `define('${key}', ${php(random(48))});`),
    // This machine has no internet: WordPress's own calls home (updates,
    // translations, the events feed) fail at once instead of timing out.
    // Requests to the site's own host, such as the oEmbed fetch from
    // 127.0.0.1:8080, are not external and still go out.
    "define('WP_HTTP_BLOCK_EXTERNAL', true);",
    // No background requests to itself while the test runs.
    "define('DISABLE_WP_CRON', true);",
    // Plugins are installed from a zip and deleted as on any host where
    // WordPress may write its files (Apache's user owns wp-content); without
    // this, WordPress asks for FTP credentials because the code it runs
    // belongs to root.
    "define('FS_METHOD', 'direct');",
    "define('WP_DEBUG', false);",
    '',
  ].join('\n');
  await writeFile(CONFIG_FILE, text, { mode: 0o640 });
  if (isRoot()) await chownTo('www-data', CONFIG_FILE);
}

/** A form body, as a browser posts it. */
const form = (fields) => new URLSearchParams(fields).toString();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/**
 * A signed-in WordPress user: posts through the REST API with the cookie
 * and nonce the block editor uses (application passwords need HTTPS, or a
 * `local` environment, which this site is not).
 */
class User {
  constructor(site, api, nonce, info) {
    this.site = site;
    this.api = api;
    this.nonce = nonce;
    Object.assign(this, info);
  }

  /** A REST API call; throws with WordPress's message unless it succeeds. */
  async rest(method, route, data, query = {}) {
    const url = `${this.site}?${new URLSearchParams({ rest_route: route, ...query })}`;
    const response = await this.api.fetch(url, {
      method,
      headers: { 'X-WP-Nonce': this.nonce, ...(data ? { 'Content-Type': 'application/json' } : {}) },
      data: data ? JSON.stringify(data) : undefined,
    });
    const body = await response.json().catch(() => null);
    if (!response.ok()) {
      throw new Error(`${method} ${route} as ${this.name}: ${response.status()} ${body?.message ?? JSON.stringify(body)}`);
    }
    return body;
  }

  /**
   * Publishes a post (or, for a role that may not publish, submits it for
   * review) and returns `{ id, link, raw }`, `raw` being the content as
   * WordPress stored it.
   */
  async post(title, content) {
    const created = await this.rest('POST', '/wp/v2/posts', { title, content, status: 'publish' });
    const stored = await this.rest('GET', `/wp/v2/posts/${created.id}`, undefined, { context: 'edit' });
    return { id: created.id, link: created.link, raw: stored.content.raw };
  }
}

/** Signs in through wp-login.php; returns a `User` with a REST nonce. */
async function signIn(site, name, password, info) {
  const api = await request.newContext({ baseURL: site });
  // wp-login.php wants its test cookie first, as a browser would have it.
  await api.get('wp-login.php');
  const response = await api.post('wp-login.php', {
    headers: FORM,
    data: form({ log: name, pwd: password, rememberme: 'forever', 'wp-submit': 'Log In', redirect_to: site + 'wp-admin/', testcookie: '1' }),
    maxRedirects: 0,
  });
  if (response.status() !== 302) {
    throw new Error(`signing in as ${name} failed: ${response.status()} ${(await response.text()).slice(0, 300)}`);
  }
  const nonce = (await (await api.get('wp-admin/admin-ajax.php?action=rest-nonce')).text()).trim();
  if (!/^[0-9a-f]{10}$/.test(nonce)) throw new Error(`no REST nonce for ${name}: ${nonce.slice(0, 200)}`);
  return new User(site, api, nonce, { name, password, ...info });
}

/**
 * Starts MariaDB and Apache, installs WordPress through wp-admin/install.php
 * and signs the administrator in. Resolves to
 * `{ url, version, admin, createUser(role), sql(query), stop() }`; `stop()`
 * stops both daemons and removes the configuration, and runs on SIGINT and
 * SIGTERM too.
 */
export async function startWordPress({ port }) {
  if (!isRoot() && !existsSync(CONFIG_FILE)) {
    // Debian's wp-config.php reads its configuration from /etc/wordpress.
    throw new Error('the WordPress test needs root, to write its configuration into /etc/wordpress');
  }
  await stopLeftovers();
  await rm(SCRATCH, { recursive: true, force: true });
  await mkdir(SCRATCH, { recursive: true });
  // The daemons' users (mysql, www-data) reach the socket and files here.
  await chmod(SCRATCH, 0o755);

  const daemons = [];
  const users = [];
  /** The folders of plugins installed by `installPlugin`. */
  const installed = [];
  let stopped = null;
  const stop = () =>
    (stopped ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      for (const user of users) await user.api.dispose().catch(() => {});
      // A plugin the test installed is not left in Debian's content directory.
      for (const folder of installed) await rm(join(PLUGINS, folder), { recursive: true, force: true });
      // Apache first: nothing should reach the database while it stops.
      for (const daemon of [...daemons].reverse()) await daemon.stop();
      await rm(CONFIG_FILE, { force: true });
      process.off('exit', onExit);
    })());
  const onSignal = (signal) => {
    stop().finally(() => process.kill(process.pid, signal));
  };
  // Whatever else ends this process (a runner's process.exit, such as the
  // browser driver's on Ctrl+C), the daemons are told to stop: a signal is
  // all that can be sent while exiting, and both shut down cleanly on it.
  const onExit = () => {
    for (const daemon of daemons) daemon.signal('SIGTERM');
    rmSync(CONFIG_FILE, { force: true });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.on('exit', onExit);

  try {
    const dbPassword = random();
    const { daemon: mariadb, socket } = await startMariaDB(dbPassword);
    daemons.push(mariadb);
    await writeConfig({ socket, password: dbPassword });
    daemons.push(await startApache(port));
    const url = `http://127.0.0.1:${port}/`;

    const admin = { name: 'admin', password: random(), email: 'admin@example.com' };
    const installer = await request.newContext({ baseURL: url });
    try {
      const installed = await installer.post('wp-admin/install.php?step=2', {
        headers: FORM,
        data: form({
          weblog_title: 'A decision-widget test blog',
          user_name: admin.name,
          admin_password: admin.password,
          admin_password2: admin.password,
          pw_weak: 'on',
          admin_email: admin.email,
          blog_public: '0',
          language: '',
        }),
      });
      const text = await installed.text();
      if (!installed.ok() || !/Success!|WordPress has been installed/.test(text)) {
        throw new Error(`wp-admin/install.php did not install WordPress (${installed.status()}):\n${text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 600)}`);
      }
    } finally {
      await installer.dispose();
    }
    const administrator = await signIn(url, admin.name, admin.password, { role: 'administrator', email: admin.email });
    users.push(administrator);

    return {
      url,
      version: wordpressVersion(),
      admin: administrator,
      /** Creates a user with `role` (as the administrator) and signs them in. */
      async createUser(role) {
        const name = role;
        const password = random();
        const created = await administrator.rest('POST', '/wp/v2/users', {
          username: name,
          password,
          email: `${name}@example.com`,
          roles: [role],
        });
        const user = await signIn(url, name, password, { role, id: created.id, email: `${name}@example.com` });
        users.push(user);
        return user;
      },
      /**
       * Installs a plugin from its zip as an administrator does (Plugins →
       * Add New → Upload Plugin, the form's nonce and all), then activates
       * it through the REST API. `folder` is the zip's top folder, removed
       * first if an interrupted run left it. Resolves to the plugin as the
       * REST API describes it.
       */
      async installPlugin(zip, folder) {
        await rm(join(PLUGINS, folder), { recursive: true, force: true });
        installed.push(folder);
        const api = administrator.api;
        const form = await (await api.get('wp-admin/plugin-install.php?tab=upload')).text();
        const nonce = /id="_wpnonce" name="_wpnonce" value="([0-9a-f]+)"/.exec(form)?.[1];
        if (!nonce) throw new Error(`no upload form on plugin-install.php: ${form.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`);
        const uploaded = await api.post('wp-admin/update.php?action=upload-plugin', {
          multipart: {
            _wpnonce: nonce,
            _wp_http_referer: '/wp-admin/plugin-install.php?tab=upload',
            pluginzip: { name: basename(zip), mimeType: 'application/zip', buffer: await readFile(zip) },
            'install-plugin-submit': 'Install Now',
          },
        });
        const text = await uploaded.text();
        if (!uploaded.ok() || !text.includes('Plugin installed successfully')) {
          throw new Error(`uploading ${basename(zip)} did not install it (${uploaded.status()}):\n${text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 800)}`);
        }
        const plugins = await administrator.rest('GET', '/wp/v2/plugins');
        const plugin = plugins.find((p) => p.plugin.startsWith(`${folder}/`));
        if (!plugin) throw new Error(`WordPress lists no plugin in ${folder}/ after the upload: ${plugins.map((p) => p.plugin).join(', ')}`);
        return administrator.rest('POST', `/wp/v2/plugins/${plugin.plugin.replace(/\.php$/, '')}`, { status: 'active' });
      },
      /** Rows of a query on WordPress's database, each an array of strings. */
      sql: (query) => sql(socket, dbPassword, query),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
