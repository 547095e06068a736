/**
 * GraphiQL for development, fully offline: React 18 and GraphiQL 3 UMD bundles
 * come from node_modules and are served by this app (no CDN). src/app.ts mounts
 * `graphiqlAssets()` and answers browser GETs of /graphql with `graphiqlPage()`,
 * both only outside production.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router, type Request, type Response, type NextFunction } from 'express';

/** URL prefix the assets are served under (absolute, so the page works from any path). */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets';

interface Asset {
  /** npm package that ships the file. */
  pkg: string;
  /** Path of the file inside that package. */
  file: string;
  contentType: string;
}

/**
 * The only files served: name under GRAPHIQL_ASSETS_PATH → file in an npm package.
 * Packages with an `exports` map (all three) do not export these paths, so they are
 * resolved relative to each package's package.json.
 */
const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['react.production.min.js', { pkg: 'react', file: 'umd/react.production.min.js', contentType: 'text/javascript; charset=utf-8' }],
  ['react-dom.production.min.js', { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', contentType: 'text/javascript; charset=utf-8' }],
  ['graphiql.min.js', { pkg: 'graphiql', file: 'graphiql.min.js', contentType: 'text/javascript; charset=utf-8' }],
  ['graphiql.min.css', { pkg: 'graphiql', file: 'graphiql.min.css', contentType: 'text/css; charset=utf-8' }],
  // graphiql.min.js ends with `//# sourceMappingURL=index.umd.js.map` (only fetched by open devtools).
  ['index.umd.js.map', { pkg: 'graphiql', file: 'graphiql.min.js.map', contentType: 'application/json; charset=utf-8' }],
]);

const requireFromHere = createRequire(import.meta.url);
const packageDirs = new Map<string, { dir: string; version: string }>();

function packageInfo(pkg: string): { dir: string; version: string } {
  let info = packageDirs.get(pkg);
  if (!info) {
    const manifest = requireFromHere.resolve(`${pkg}/package.json`);
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    info = { dir: dirname(manifest), version };
    packageDirs.set(pkg, info);
  }
  return info;
}

/** Absolute path of an allow-listed asset. */
function assetPath(asset: Asset): string {
  return join(packageInfo(asset.pkg).dir, asset.file);
}

/** Page URL of an asset; `?v=` busts the long-lived cache when the package is upgraded. */
function assetUrl(name: string): string {
  const asset = ASSETS.get(name);
  if (!asset) throw new Error(`Unknown GraphiQL asset ${name}`);
  return `${GRAPHIQL_ASSETS_PATH}/${name}?v=${encodeURIComponent(packageInfo(asset.pkg).version)}`;
}

/**
 * Router serving the allow-listed files at GET/HEAD /graphiql/assets/<name> with a
 * one-year immutable cache. Anything else under the prefix is a 404; no listings.
 */
export function graphiqlAssets(): Router {
  // Resolve every file up front so a missing package fails at startup, not on first load.
  const paths = new Map([...ASSETS].map(([name, asset]) => [name, { path: assetPath(asset), contentType: asset.contentType }]));
  const router = Router();
  router.get(`${GRAPHIQL_ASSETS_PATH}/:name`, (req: Request, res: Response, next: NextFunction) => {
    const entry = paths.get(String(req.params.name));
    if (!entry) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Content-Type', entry.contentType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(entry.path, { maxAge: '1y', immutable: true }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  return router;
}

/** Text preset in the headers editor. The fetcher drops it until a real token is pasted. */
const DEFAULT_HEADERS = JSON.stringify({ Authorization: 'Bearer <paste a token from npm run token -- --role RECEIVING_OFFICER>' }, null, 2);

/** JSON safe to embed in an inline <script> (no `</script>`, no `<!--`). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const INIT_SCRIPT = `
(function () {
  'use strict';
  var baseFetcher = GraphiQL.createFetcher({ url: '/graphql' });
  // While the Authorization header is still the placeholder, send none, so the schema
  // (introspection) and public fields load anonymously instead of failing with 401.
  function fetcher(params, opts) {
    var headers = Object.assign({}, opts && opts.headers);
    Object.keys(headers).forEach(function (key) {
      if (key.toLowerCase() === 'authorization' && /<paste/i.test(String(headers[key]))) delete headers[key];
    });
    return baseFetcher(params, Object.assign({}, opts, { headers: headers }));
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultHeaders: ${scriptJson(DEFAULT_HEADERS)},
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: 'headers',
    shouldPersistHeaders: false
  }));
})();
`;

let page: string | undefined;

/** The GraphiQL HTML page. Loads nothing from outside this origin (also enforced by its CSP). */
export function graphiqlPage(): string {
  if (page) return page;
  const scriptHash = createHash('sha256').update(INIT_SCRIPT).digest('base64');
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'sha256-${scriptHash}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
  page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>VSS Data Warehouse API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl('graphiql.min.css')}">
<style>html, body { height: 100%; margin: 0; overflow: hidden; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="${assetUrl('react.production.min.js')}"></script>
<script src="${assetUrl('react-dom.production.min.js')}"></script>
<script src="${assetUrl('graphiql.min.js')}"></script>
<script>${INIT_SCRIPT}</script>
</body>
</html>
`;
  return page;
}
