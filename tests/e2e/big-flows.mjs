// The flows of the largest size for the end-to-end tests, and a host page
// for each: a chain of 498 yes/no questions and a 500-node flow of 8-way
// questions (tests/e2e/flows/, written by `cargo run -p dw-engine --example big_flows
// -- write tests/e2e/flows`; a native test keeps them equal to the
// generators the layout tests use), each embedded by URL in a page under
// the demo's strict policy, with text after it so the page scrolls. The
// test serves both itself, through the browser's request routing.

import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('./flows/', import.meta.url));

/** The host page of the fixture `flow` ('chain' or 'wide'). */
function hostPage(flow) {
  const filler = Array.from({ length: 12 }, (_, i) => `<p>Paragraph ${i + 1} of the article after the flowchart.</p>`).join('\n    ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; require-trusted-types-for 'script'">
  <title>A long flow</title>
  <link rel="icon" href="data:,">
  <script type="module" src="embed.js"></script>
</head>
<body>
  <main>
    <h1>A long flow</h1>
    <decision-widget flow="big/${flow}.json"></decision-widget>
    ${filler}
  </main>
</body>
</html>`;
}

/**
 * `pageTest` options that open the host page of `flow` (served by the test
 * under `shared.url`, the local server's, once it runs) with browser
 * `context` options; `extra` adds to them.
 */
export function onHost(shared, flow, context, extra = {}) {
  return {
    path: `zoom-${flow}.html`,
    context,
    ...extra,
    beforeLoad: async (w) => {
      await serveBigFlows(w.page, shared.url, flow);
      await extra.beforeLoad?.(w);
    },
  };
}

/** Serves the host page of `flow` and the fixtures to `page`, under `base`. */
export async function serveBigFlows(page, base, flow) {
  await page.route(`${base}zoom-${flow}.html`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: hostPage(flow) }),
  );
  await page.route(`${base}big/*.json`, (route) =>
    route.fulfill({ contentType: 'application/json', path: FIXTURES + new URL(route.request().url()).pathname.split('/').pop() }),
  );
}
