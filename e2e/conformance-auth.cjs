'use strict';
// Preload for the MCP conformance CLI (`node --require ./conformance-auth.cjs <cli> server --url URL`):
// adds the headers in CONFORMANCE_HEADERS ("Name: value" lines) to every request the CLI sends to
// the --url origin, since the CLI has no option for them and Countersign wants an agent's key on
// every request. The CLI sends requests three ways, so all three are covered: fetch (the SDK
// transport and raw checks), undici.request (dns-rebinding-protection) and http.request.
const { createRequire } = require('node:module');
const fs = require('node:fs');

const extra = (process.env.CONFORMANCE_HEADERS || '')
  .split(/\r?\n/)
  .filter((line) => line.trim())
  .map((line) => {
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`conformance-auth.cjs: not a header line: ${line}`);
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
const urlAt = process.argv.indexOf('--url');
const origin = urlAt > 0 ? new URL(process.argv[urlAt + 1]).origin : null;

function forUs(url) {
  try {
    return new URL(String(url)).origin === origin;
  } catch {
    return false;
  }
}

// a plain-object copy of headers given as an object, a flat [k, v, ...] array or an iterable
function plusExtra(headers = {}) {
  const copy = Array.isArray(headers)
    ? Object.fromEntries(headers.flatMap((x, i) => (i % 2 ? [] : [[x, headers[i + 1]]])))
    : typeof headers[Symbol.iterator] === 'function'
      ? Object.fromEntries(headers)
      : { ...headers };
  const present = new Set(Object.keys(copy).map((k) => k.toLowerCase()));
  for (const [name, value] of extra) if (!present.has(name.toLowerCase())) copy[name] = value;
  return copy;
}

if (extra.length && origin) {
  const originalFetch = globalThis.fetch;
  globalThis.fetch = function (input, init) {
    const isRequest = input instanceof Request;
    if (!forUs(isRequest ? input.url : input)) return originalFetch.call(this, input, init);
    const headers = new Headers(init?.headers ?? (isRequest ? input.headers : undefined));
    for (const [name, value] of extra) if (!headers.has(name)) headers.set(name, value);
    return originalFetch.call(this, input, { ...init, headers });
  };

  try {
    // the CLI's `import { request } from "undici"` reads the CommonJS exports: patch them first
    const undici = createRequire(fs.realpathSync(process.argv[1]))('undici');
    const originalRequest = undici.request;
    undici.request = function (url, options = {}, ...rest) {
      if (!forUs(url?.href ?? url)) return originalRequest.call(this, url, options, ...rest);
      return originalRequest.call(this, url, { ...options, headers: plusExtra(options.headers) }, ...rest);
    };
  } catch (e) {
    process.emitWarning(`conformance-auth.cjs: undici.request not patched (${e.message})`);
  }

  for (const [name, protocol] of [['http', 'http:'], ['https', 'https:']]) {
    const mod = require(name);
    const originalRequest = mod.request;
    mod.request = function (...args) {
      const url = typeof args[0] === 'string' || args[0] instanceof URL ? new URL(args[0]) : null;
      const at = url ? (args[1] && typeof args[1] === 'object' ? 1 : -1) : 0;
      const options = at >= 0 ? args[at] : {};
      const target = url
        ? url.href
        : `${options.protocol || protocol}//${options.hostname || options.host || 'localhost'}${options.port ? `:${options.port}` : ''}`;
      if (!forUs(target)) return originalRequest.apply(this, args);
      const withHeaders = { ...options, headers: plusExtra(options.headers) };
      return at >= 0
        ? originalRequest.apply(this, args.map((x, i) => (i === at ? withHeaders : x)))
        : originalRequest.apply(this, [args[0], withHeaders, ...args.slice(1)]);
    };
  }
}
