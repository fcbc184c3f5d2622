#!/usr/bin/env node
// Starts @modelcontextprotocol/server-everything (Streamable HTTP, endpoint /mcp) on 127.0.0.1 only.
//
//   node start-everything.mjs <port> [--log FILE] [--ignore-stdin] [--timeout-ms N]
//
// <port> may be 0: the OS picks a free port and the READY line names it.
// Prints exactly one line on stdout once the server has answered an MCP initialize:
//   READY http://127.0.0.1:<port>/mcp
// Then stays up until its stdin closes (the parent, e.g. a Java test, exited or closed the pipe),
// or it gets SIGTERM/SIGINT/SIGHUP, or the server dies (exit code 1). With --ignore-stdin only
// signals stop it (for shell scripts that background it). The server's own chatty log (a line per
// request) is discarded unless --log FILE is given; it must not fill a pipe nobody reads.

import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function usage(msg) {
  process.stderr.write(`${msg}\nusage: node start-everything.mjs <port> [--log FILE] [--ignore-stdin] [--timeout-ms N]\n`);
  process.exit(1);
}

const argv = process.argv.slice(2);
let port = process.env.PORT;
let logFile;
let watchStdin = true;
let timeoutMs = 30000;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--log') logFile = argv[++i];
  else if (a === '--ignore-stdin') watchStdin = false;
  else if (a === '--timeout-ms') timeoutMs = Number(argv[++i]);
  else if (/^\d+$/.test(a)) port = a;
  else usage(`unknown argument: ${a}`);
}
if (port === undefined || !/^\d+$/.test(String(port))) usage('a numeric <port> is required');

const serverMain = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
  'dist', 'index.js');
const out = logFile ? openSync(logFile, 'a') : 'ignore';
const child = spawn(process.execPath, ['--require', join(here, 'loopback.cjs'), serverMain, 'streamableHttp'], {
  env: { ...process.env, PORT: String(port), COUNTERSIGN_E2E_IPC: '1' },
  stdio: ['ignore', out, out, 'ipc'],
});

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    child.once('exit', () => process.exit(code));
  } else {
    process.exit(code);
  }
}

child.on('exit', (code, signal) => {
  if (stopping) return;
  process.stderr.write(`server-everything exited (code ${code}, signal ${signal})\n`);
  process.exit(1);
});
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => stop(0));
if (watchStdin) {
  process.stdin.on('end', () => stop(0));
  process.stdin.on('close', () => stop(0));
  process.stdin.on('error', () => stop(0));
  process.stdin.resume();
}

// The preload reports the real bound port (needed for port 0).
const bound = new Promise((resolve) => {
  child.on('message', (m) => { if (m && m.loopbackListening) resolve(m.loopbackListening.port); });
});

async function answersInitialize(url) {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const res = await fetch(url, {
    method: 'POST', headers, signal: AbortSignal.timeout(5000),
    body: JSON.stringify({
      jsonrpc: '2.0', id: 1, method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'start-everything', version: '0' } },
    }),
  });
  await res.text();
  const sid = res.headers.get('mcp-session-id');
  if (res.status !== 200 || !sid) return false;
  await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' } })
    .then((r) => r.text()).catch(() => {});
  return true;
}

const deadline = Date.now() + timeoutMs;
const timer = setTimeout(() => {
  process.stderr.write(`server-everything did not answer within ${timeoutMs} ms\n`);
  stop(1);
}, timeoutMs);
const actualPort = await bound;
const url = `http://127.0.0.1:${actualPort}/mcp`;
while (!stopping && Date.now() < deadline) {
  if (await answersInitialize(url).catch(() => false)) {
    clearTimeout(timer);
    process.stdout.write(`READY ${url}\n`);
    break;
  }
  await new Promise((r) => setTimeout(r, 100));
}
