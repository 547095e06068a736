/**
 * GraphiQL for development, fully offline: React 18, GraphiQL 3 and its explorer
 * plugin as UMD bundles from node_modules, served by this app (no CDN). Above it a
 * development sign-in bar: pick a role and an agency, the page gets a token from
 * `POST /dev/token` (choices from `GET /dev/token`), keeps it in localStorage across
 * reloads and sends it as the Authorization header. src/app.ts mounts
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
 * Packages with an `exports` map do not export these paths, so they are
 * resolved relative to each package's package.json.
 */
const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['react.production.min.js', { pkg: 'react', file: 'umd/react.production.min.js', contentType: 'text/javascript; charset=utf-8' }],
  ['react-dom.production.min.js', { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', contentType: 'text/javascript; charset=utf-8' }],
  ['graphiql.min.js', { pkg: 'graphiql', file: 'graphiql.min.js', contentType: 'text/javascript; charset=utf-8' }],
  ['graphiql.min.css', { pkg: 'graphiql', file: 'graphiql.min.css', contentType: 'text/css; charset=utf-8' }],
  // graphiql.min.js ends with `//# sourceMappingURL=index.umd.js.map` (only fetched by open devtools).
  ['index.umd.js.map', { pkg: 'graphiql', file: 'graphiql.min.js.map', contentType: 'application/json; charset=utf-8' }],
  // Build queries by clicking (global GraphiQLPluginExplorer; needs GraphiQL.React, so it loads after graphiql.min.js).
  ['plugin-explorer.umd.js', { pkg: '@graphiql/plugin-explorer', file: 'dist/index.umd.js', contentType: 'text/javascript; charset=utf-8' }],
  ['plugin-explorer.css', { pkg: '@graphiql/plugin-explorer', file: 'dist/style.css', contentType: 'text/css; charset=utf-8' }],
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

/** The README's first query, preloaded in the editor (test/integration/graphiql.test.ts keeps them equal). */
export const DEFAULT_QUERY = `# The README's first query: run it with ▶ (Ctrl-Enter). Sign in above with a role and an agency;
# the Explorer (left) builds queries by clicking, the Docs (book icon) describe every field.
{
  procedures {
    code
    name
    requiredComponents {
      code
      documentType {
        code
      }
    }
  }
}
`;

/** JSON safe to embed in an inline <script> (no `</script>`, no `<!--`). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** localStorage key of the development sign-in: {role, agency, token, officer, officerName, expiresAt}. */
export const SIGN_IN_STORAGE_KEY = 'vss.graphiql.signIn';
/** First visit: signed in as this role at the first agency, so the first query answers at once. */
const FIRST_ROLE = 'RECEIVING_OFFICER';

const INIT_SCRIPT = `
(function () {
  'use strict';
  var STORE = ${scriptJson(SIGN_IN_STORAGE_KEY)};
  var roleSelect = document.getElementById('signin-role');
  var agencySelect = document.getElementById('signin-agency');
  var status = document.getElementById('signin-status');
  var current = null;

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE) || 'null'); } catch (e) { return null; }
  }
  function save(value) {
    current = value;
    try { localStorage.setItem(STORE, JSON.stringify(value)); } catch (e) { /* private mode: this page only */ }
  }
  function valid(value) {
    return Boolean(value && value.token && Date.parse(value.expiresAt) > Date.now() + 60000);
  }
  function show(text, isError) {
    status.textContent = text;
    status.className = isError ? 'signin-error' : '';
  }
  function describe(value) {
    if (!value || !value.role) return show('Anonymous: public fields only. Pick a role to sign in.');
    var until = new Date(value.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    show('Signed in as ' + value.officerName + ' (' + value.officer + '), ' + value.role + ' at ' + value.agency + ', until ' + until + '.');
  }
  // A development token from the API itself; the choice is kept, the token sent with every request.
  function signIn(role, agency) {
    if (!role) { save({ role: '', agency: agency }); return describe(current); }
    show('Signing in…');
    return fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: role, agency: agency }) })
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (answer) {
        if (!answer.ok) {
          save({ role: role, agency: agency });
          var error = answer.body && answer.body.errors && answer.body.errors[0];
          return show('Not signed in: ' + (error ? error.message : 'the API refused'), true);
        }
        save(answer.body);
        describe(current);
      }, function (error) { show('Not signed in: ' + error.message, true); });
  }
  function option(select, value, text) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    select.appendChild(o);
  }

  fetch('/dev/token').then(function (res) { return res.json(); }).then(function (choices) {
    option(roleSelect, '', '(anonymous)');
    choices.roles.forEach(function (role) { option(roleSelect, role, role); });
    choices.agencies.forEach(function (agency) { option(agencySelect, agency.code, agency.code + ' · ' + agency.name); });
    var stored = load();
    var role = stored ? stored.role : ${scriptJson(FIRST_ROLE)};
    var agency = stored && stored.agency ? stored.agency : choices.agencies[0].code;
    roleSelect.value = role;
    agencySelect.value = agency;
    if (valid(stored)) { current = stored; describe(current); } else signIn(role, agency);
    roleSelect.onchange = agencySelect.onchange = function () { signIn(roleSelect.value, agencySelect.value); };
  }, function (error) { show('Development sign-in unavailable: ' + error.message, true); });

  var baseFetcher = GraphiQL.createFetcher({ url: '/graphql' });
  // The signed-in token, unless the headers editor names an Authorization of its own.
  function fetcher(params, opts) {
    var headers = Object.assign({}, opts && opts.headers);
    var own = Object.keys(headers).some(function (key) { return key.toLowerCase() === 'authorization'; });
    if (!own && current && current.token) {
      headers.Authorization = 'Bearer ' + current.token;
      if (!valid(current)) signIn(current.role, current.agency);
    }
    return baseFetcher(params, Object.assign({}, opts, { headers: headers }));
  }
  var explorer = GraphiQLPluginExplorer.explorerPlugin();
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: ${scriptJson(DEFAULT_QUERY)},
    plugins: [explorer],
    visiblePlugin: explorer,
    isHeadersEditorEnabled: true,
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
<link rel="stylesheet" href="${assetUrl('plugin-explorer.css')}">
<style>
html, body { height: 100%; margin: 0; overflow: hidden; }
body { display: flex; flex-direction: column; font: 14px system-ui, sans-serif; }
#signin { display: flex; align-items: center; gap: 8px; padding: 6px 12px; border-bottom: 1px solid #d9dde3; background: #f4f6f8; color: #3b4252; }
#signin strong { font-weight: 600; }
#signin select { font: inherit; padding: 2px 4px; max-width: 22em; }
#signin-status { margin-left: 8px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#signin-status.signin-error { color: #b3261e; }
#graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<div id="signin" role="toolbar" aria-label="Development sign-in">
<strong>Development sign-in</strong>
<label>Role <select id="signin-role"></select></label>
<label>Agency <select id="signin-agency"></select></label>
<span id="signin-status" aria-live="polite">Loading…</span>
</div>
<div id="graphiql">Loading GraphiQL…</div>
<script src="${assetUrl('react.production.min.js')}"></script>
<script src="${assetUrl('react-dom.production.min.js')}"></script>
<script src="${assetUrl('graphiql.min.js')}"></script>
<script src="${assetUrl('plugin-explorer.umd.js')}"></script>
<script>${INIT_SCRIPT}</script>
</body>
</html>
`;
  return page;
}
