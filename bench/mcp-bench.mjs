#!/usr/bin/env node
// Helper for gateway-overhead.sh; Node >= 20, no dependencies.
//
//   open   --url U [--key K] [--header K=V]... --tool T [--args JSON]
//          initialize (2025-11-25) + notifications/initialized + one checked tools/call;
//          prints {"ok":true,"sessionId":..,"protocolVersion":..,"contentType":..,"sample":..}
//   close  --url U [--key K] --session S [--protocol P]        DELETE the session
//   run    --url U [--key K] --session S [--protocol P] --tool T [--args JSON]
//          [-n N] [-c C] [--duration S]
//          closed-loop load over keep-alive HTTP/1.1 connections (fallback when wrk is missing);
//          prints the same JSON line as mcp-call.lua
//   report FILE...   Markdown table from the per-target result files (see gateway-overhead.sh)
//
// Exit codes: 0 ok, 2 the MCP exchange failed (message on stderr and in the JSON), 1 usage.

import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';

const PROTOCOL = '2025-11-25';

function parse(argv) {
  const o = { headers: {}, args: '{}', n: 20000, c: 16, duration: 60, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    switch (a) {
      case '--url': o.url = v(); break;
      case '--key': o.headers.Authorization = `Bearer ${v()}`; break;
      case '--header': { const kv = v(); const eq = kv.indexOf('='); o.headers[kv.slice(0, eq)] = kv.slice(eq + 1); break; }
      case '--tool': o.tool = v(); break;
      case '--args': o.args = v(); break;
      case '--session': o.session = v(); break;
      case '--protocol': o.protocol = v(); break;
      case '-n': o.n = Number(v()); break;
      case '-c': o.c = Number(v()); break;
      case '--duration': o.duration = Number(v()); break;
      default:
        if (!o.cmd) o.cmd = a;
        else if (o.cmd === 'report') o.files.push(a);
        else fail(1, `unknown argument: ${a}`);
    }
  }
  return o;
}

function fail(code, message, extra = {}) {
  process.stderr.write(`${message}\n`);
  process.stdout.write(`${JSON.stringify({ ok: false, message, ...extra })}\n`, () => process.exit(code));
  return new Promise(() => {});
}

// The JSON-RPC messages of a response body, whether application/json or text/event-stream.
function messages(contentType, text) {
  if ((contentType || '').startsWith('text/event-stream')) {
    const out = [];
    for (const event of text.split(/\r?\n\r?\n/)) {
      const data = event.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
      if (data) { try { out.push(JSON.parse(data)); } catch { /* priming or partial event */ } }
    }
    return out;
  }
  try { const j = JSON.parse(text); return Array.isArray(j) ? j : [j]; } catch { return []; }
}

async function post(o, body, session, protocol) {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...(protocol ? { 'mcp-protocol-version': protocol } : {}),
    ...(session ? { 'mcp-session-id': session } : {}),
    ...o.headers,
  };
  const res = await fetch(o.url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(15000) });
  const text = await res.text();
  const ct = res.headers.get('content-type');
  const reply = body.id === undefined ? undefined : messages(ct, text).find((m) => m.id === body.id);
  return { status: res.status, contentType: ct, session: res.headers.get('mcp-session-id'), text, reply };
}

async function open(o) {
  if (!o.url || !o.tool) return fail(1, 'open needs --url and --tool');
  let args;
  try { args = JSON.parse(o.args); } catch { return fail(1, `--args is not JSON: ${o.args}`); }
  let r;
  try {
    r = await post(o, { jsonrpc: '2.0', id: 1, method: 'initialize', params: {
      protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'countersign-bench', version: '1.0.0' } } });
  } catch (e) {
    return fail(2, `initialize failed: nothing answers at ${o.url} (${e.cause?.code ?? e.message})`);
  }
  if (r.status !== 200 || !r.reply?.result) {
    return fail(2, `initialize failed: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  }
  const protocol = r.reply.result.protocolVersion;
  const session = r.session;          // absent for a stateless server: then no header is sent
  const n = await post(o, { jsonrpc: '2.0', method: 'notifications/initialized' }, session, protocol);
  if (n.status !== 202 && n.status !== 200) {
    return fail(2, `notifications/initialized failed: HTTP ${n.status} ${n.text.slice(0, 300)}`);
  }
  const c = await post(o, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: o.tool, arguments: args } }, session, protocol);
  if (c.status !== 200 || !c.reply?.result || c.reply.result.isError) {
    const why = c.reply?.error ? JSON.stringify(c.reply.error) : c.reply?.result ? JSON.stringify(c.reply.result) : c.text.slice(0, 300);
    return fail(2, `tools/call ${o.tool} is not an allowed, successful call: HTTP ${c.status} ${why}`, { sessionId: session });
  }
  const sample = JSON.stringify(c.reply.result).slice(0, 200);
  process.stdout.write(`${JSON.stringify({ ok: true, sessionId: session ?? '', protocolVersion: protocol, contentType: c.contentType, sample })}\n`);
}

async function close(o) {
  const headers = { ...(o.session ? { 'mcp-session-id': o.session } : {}), 'mcp-protocol-version': o.protocol ?? PROTOCOL, ...o.headers };
  const res = await fetch(o.url, { method: 'DELETE', headers, signal: AbortSignal.timeout(5000) }).catch((e) => ({ status: e.message, text: async () => '' }));
  await res.text();
  process.stdout.write(`${JSON.stringify({ ok: res.status === 200 || res.status === 204 || res.status === 405, status: res.status })}\n`);
}

function pct(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(o) {
  if (!o.url || !o.tool) return fail(1, 'run needs --url and --tool');
  const u = new URL(o.url);
  const mod = u.protocol === 'https:' ? https : http;
  const agent = new mod.Agent({ keepAlive: true, maxSockets: o.c });
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': o.protocol ?? PROTOCOL,
    ...(o.session ? { 'mcp-session-id': o.session } : {}),
    ...o.headers,
  };
  const tail = `,"method":"tools/call","params":{"name":${JSON.stringify(o.tool)},"arguments":${o.args}}}`;
  const latencies = new Float64Array(o.n);
  let issued = 0; let done = 0; let good = 0; let bad = 0; let badStatus = 0; let socketErrors = 0; let firstBad = '';
  const deadline = Date.now() + o.duration * 1000;
  let nextId = 1000000000;

  const one = () => new Promise((resolve) => {
    const body = `{"jsonrpc":"2.0","id":${++nextId}${tail}`;
    const t0 = process.hrtime.bigint();
    const req = mod.request(u, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        latencies[done++] = Number(process.hrtime.bigint() - t0) / 1e6;
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode === 200 && text.includes('"result"') && !text.includes('"isError":true')) good++;
        else {
          bad++;
          if (res.statusCode !== 200) badStatus++;
          if (!firstBad) firstBad = `${res.statusCode} ${text.slice(0, 300)}`;
        }
        resolve();
      });
    });
    req.setTimeout(10000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => { socketErrors++; if (!firstBad) firstBad = e.message; resolve(); });
    req.end(body);
  });

  const start = process.hrtime.bigint();
  const worker = async () => {
    while (issued < o.n && Date.now() < deadline) { issued++; await one(); }
  };
  await Promise.all(Array.from({ length: o.c }, worker));
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  const sorted = latencies.subarray(0, done).sort();
  const f = (x) => Number(x.toFixed(3));
  const mean = done ? sorted.reduce((s, x) => s + x, 0) / done : 0;
  process.stdout.write(`${JSON.stringify({
    engine: 'node', requests: done, good, bad, badStatus, socketErrors, durationS: f(secs), rps: Number((good / secs).toFixed(1)),
    p50_ms: f(pct(sorted, 50)), p90_ms: f(pct(sorted, 90)), p99_ms: f(pct(sorted, 99)), max_ms: f(pct(sorted, 100)), mean_ms: f(mean), firstBad,
  })}\n`);
}

// Each FILE holds: line 1 {"target":..,"url":..,"tool":..,"concurrency":..} then the run's JSON line, or {"skipped":"why"}.
function report(o) {
  const rows = o.files.map((f) => {
    const [meta, res] = readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    return { ...meta, ...(res ?? { skipped: 'no result' }) };
  });
  const base = (r) => rows.find((b) => b.target === 'direct' && !b.skipped && b.concurrency === r.concurrency);
  const num = (x, d = 2) => (x === undefined || x === null ? 'n/a' : Number(x).toFixed(d));
  const added = (r, k) => {
    const b = base(r);
    if (!b || b === r || r.skipped) return '';
    const d = r[k] - b[k];
    return `${d >= 0 ? '+' : ''}${num(d)}`;
  };
  rows.sort((a, b) => a.concurrency - b.concurrency);   // stable: target order kept within a level
  const lines = [
    '| target | tool | conc. | calls ok / done | errors | calls/s | p50 ms | p90 ms | p99 ms | max ms | added p50 ms | added p99 ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    if (r.skipped) {
      lines.push(`| ${r.target} | ${r.tool ?? ''} | ${r.concurrency} | skipped: ${r.skipped.replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, 160)} | | | | | | | | |`);
      continue;
    }
    lines.push(`| ${r.target} | ${r.tool} | ${r.concurrency} | ${r.good} / ${r.requests} | ${r.bad + r.socketErrors} | ${num(r.rps, 0)} | ${num(r.p50_ms)} | ${num(r.p90_ms)} | ${num(r.p99_ms)} | ${num(r.max_ms)} | ${added(r, 'p50_ms')} | ${added(r, 'p99_ms')} |`);
  }
  const notes = rows.filter((r) => !r.skipped && (r.bad || r.socketErrors)).map((r) => `- ${r.target} (c=${r.concurrency}): first bad answer: ${r.firstBad}`);
  process.stdout.write(`${lines.join('\n')}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`);
}

const o = parse(process.argv.slice(2));
const cmds = { open, close, run, report };
if (!cmds[o.cmd]) await fail(1, 'command must be one of open, close, run, report');
await cmds[o.cmd](o);
