// @ts-check
// A small static file server for the built site: correct types for wasm,
// brotli or gzip when the browser accepts them, no directory listing, no
// path outside the root. Used by the serve command, the end-to-end tests
// and the size report.
//
// Every response allows cross-origin reads (Access-Control-Allow-Origin:
// *, Cross-Origin-Resource-Policy: cross-origin): a host page on another
// site loads embed.js and the wasm as CORS requests, and so does the iframe
// page inside <iframe sandbox="allow-scripts">, whose origin is opaque. Any
// server that hosts the widget for other sites needs the same headers.
//
//   node scripts/serve.mjs --root dist --port 8080

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt']);

/**
 * Compresses `body` as the request accepts: brotli, then gzip, else none.
 * @param {Buffer} body
 * @returns {{ encoding: 'br' | 'gzip' | null, body: Buffer }}
 */
export function encode(body, acceptEncoding = '') {
  if (/\bbr\b/.test(acceptEncoding)) {
    return { encoding: 'br', body: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) };
  }
  if (/\bgzip\b/.test(acceptEncoding)) return { encoding: 'gzip', body: gzipSync(body, { level: 9 }) };
  return { encoding: null, body };
}

/**
 * Serves `root` on 127.0.0.1:`port` (0 picks a free port). `headers(path)`
 * may add response headers per path, as a test host page's CSP.
 * Resolves to { server, url }.
 * @param {{ root: string, port?: number, headers?: (path: string) => import('node:http').OutgoingHttpHeaders, compress?: boolean }} options
 * @returns {Promise<{ server: import('node:http').Server, url: string }>}
 */
export function serve({ root, port = 0, headers = () => ({}), compress = true }) {
  const base = resolve(root);
  /** @type {Map<string, { encoding: 'br' | 'gzip' | null, body: Buffer, raw: Buffer, size: number }>} */
  const cache = new Map();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if (!(await stat(file)).isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      const ext = extname(file);
      const raw = await readFile(file);
      const accept = compress && COMPRESSIBLE.has(ext) ? String(req.headers['accept-encoding'] ?? '') : '';
      const key = file + '\0' + (/\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : '');
      let out = cache.get(key);
      if (!out || out.size !== raw.length || !out.raw.equals(raw)) {
        out = { ...encode(raw, accept), raw, size: raw.length };
        cache.set(key, out);
      }
      res.writeHead(200, {
        'Content-Type': TYPES[ext] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        ...(out.encoding ? { 'Content-Encoding': out.encoding, Vary: 'Accept-Encoding' } : {}),
        ...headers(path),
      });
      if (req.method === 'HEAD') res.end();
      else res.end(out.body);
    } catch (error) {
      const code = /** @type {{ code?: unknown } | null | undefined} */ (error)?.code;
      const missing = code === 'ENOENT' || code === 'EISDIR' || error instanceof URIError;
      res.writeHead(missing ? 404 : 500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(missing ? 'Not found\n' : 'Server error\n');
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      // Listening on a TCP port: the address is an AddressInfo.
      const { port: actual } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolveServer({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (/** @type {string} */ name, /** @type {string} */ fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const root = arg('--root', 'dist');
  const port = Number(arg('--port', '8080'));
  serve({ root, port })
    .then(({ url }) => console.log(`Serving ${root} at ${url} (Ctrl+C to stop)`))
    .catch((error) => {
      console.error(`error: cannot serve on 127.0.0.1:${port}: ${error.message}`);
      process.exit(1);
    });
}
