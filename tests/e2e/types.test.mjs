// @ts-check
// The wasm modules' TypeScript declarations in types/, which tsc reads to
// check the JavaScript that loads them (tsconfig.json), are the ones
// wasm-bindgen wrote in the last release build (target/wasm-bindgen/, by
// `cargo xtask dist`). They are checked in so that the type check needs
// no build; this test, run after the build, keeps them from drifting.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TYPES = join(REPO, 'types');
const BUILT = join(REPO, 'target', 'wasm-bindgen');

/** The glue modules' declarations (not the raw wasm's `*_bg.wasm.d.ts`). */
const MODULES = ['cli.d.ts', 'decision_widget.d.ts', 'decision_widget_hydrate.d.ts', 'tools.d.ts'];

test('types/ holds the declarations wasm-bindgen wrote for each wasm module, unchanged', () => {
  assert.ok(existsSync(BUILT), `no ${BUILT}: run the release build first (cargo xtask dist)`);
  const built = readdirSync(BUILT).filter((name) => name.endsWith('.d.ts') && !name.endsWith('_bg.wasm.d.ts'));
  assert.deepEqual(built.sort(), MODULES, 'the modules wasm-bindgen declares');
  const kept = readdirSync(TYPES).filter((name) => name.endsWith('.d.ts'));
  assert.deepEqual(kept.sort(), MODULES, 'the declarations in types/');
  for (const name of MODULES) {
    assert.ok(
      readFileSync(join(TYPES, name), 'utf8') === readFileSync(join(BUILT, name), 'utf8'),
      `types/${name} differs from the build's: cp target/wasm-bindgen/${name} types/ (then check the JavaScript that uses it with tsc -p tsconfig.json)`,
    );
  }
});

test('the two builds of the widget declare the same API, which embed.js types by the first', () => {
  assert.equal(
    readFileSync(join(TYPES, 'decision_widget_hydrate.d.ts'), 'utf8'),
    readFileSync(join(TYPES, 'decision_widget.d.ts'), 'utf8'),
  );
});
