// @ts-check
// The npm package as the tests use it: the tarball `bash scripts/package.sh`
// writes (target/package/decision-widget-<version>.tgz, the version being
// the workspace's in Cargo.toml), and a fresh extraction of it. Tests of the
// package, the integrations and the command line take their files from
// here, never from the source tree or dist/, so they test what a user
// installs.
//
//   import { packageTarball, unpackedPackage } from './package-harness.mjs';
//   const tgz = packageTarball();             // absolute path of the tarball
//   const dir = await unpackedPackage();      // .../package, extracted once per process

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The package's version: the workspace's, as scripts/package.sh stamps it. */
export function packageVersion() {
  const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  const version = /^\[workspace\.package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
  assert.ok(version, 'Cargo.toml names the workspace version ([workspace.package] version = "…")');
  return version;
}

/**
 * The absolute path of the package tarball; fails, saying how to make it,
 * when it has not been built.
 */
export function packageTarball() {
  const tarball = join(ROOT, 'target', 'package', `decision-widget-${packageVersion()}.tgz`);
  assert.ok(existsSync(tarball), `${tarball} is missing: build the package first with \`bash scripts/package.sh\``);
  return tarball;
}

/** @type {Promise<string> | null} */
let unpacked = null;

/**
 * The absolute path of the `package/` folder of a fresh extraction of the
 * tarball, made once per process (in a temporary folder removed when the
 * process exits). Treat it as read-only: every test of the process shares it.
 * @returns {Promise<string>}
 */
export function unpackedPackage() {
  unpacked ??= Promise.resolve().then(() => {
    const tarball = packageTarball();
    const dir = mkdtempSync(join(tmpdir(), 'dw-package-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    const root = join(dir, 'package');
    assert.ok(existsSync(join(root, 'package.json')), `${tarball} holds no package/package.json`);
    return root;
  });
  return unpacked;
}
