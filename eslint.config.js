// @ts-check
// ESLint's recommended rules over the project's hand-written JavaScript
// (`eslint .`, in scripts/test.sh through `js_checks`): the browser's
// globals for what the site ships (static/), Node's for the build and test
// scripts. Types are tsc's part (tsconfig.json, tsconfig.node.json).

import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    // Build output and installed packages; wasm-bindgen's declarations
    // (types/) are TypeScript, not linted here.
    ignores: ['dist/', 'dist.tmp/', 'target/', 'node_modules/', 'types/', 'docs/book/'],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['static/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    // The WordPress plugin's block editor script: a classic script over
    // WordPress's wp.* globals (integrations/wordpress/block/edit.js).
    files: ['integrations/wordpress/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // The Eleventy plugin, which runs in Node in the site's build.
    files: ['integrations/eleventy/**/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
  },
  {
    // Node, and the browser too: the tests and several scripts hand
    // functions to `page.evaluate`, which run them in the page.
    files: ['scripts/**/*.mjs', 'tests/**/*.mjs', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The package's command line, run by Node alone.
    files: ['npm/bin/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
  },
];
