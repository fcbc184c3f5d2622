#!/usr/bin/env node
// Load client of held-calls.sh; Node >= 20, no dependencies.
//
//   latency --url U --key K --base B --tenant T --approvers a@x,b@x --password P --quorum Q
//           [-n 50] [--warmup 10] [--psql "ARGS"] --out FILE
//       One held tools/call at a time: the agent's SSE stream stays open, the first approver's
//       inbox shows the call, Q-1 votes are cast (they call nobody back), then the deciding vote.
//       Client side: from sending that vote to the call's result on the stream. Server side
//       (audit_log_entry, one clock): from the deciding vote's entry to the gateway's
//       tool_call.forwarded entry, plus the steps in between.
//   burst   --url U --key K --held N --sessions S --pid PID --tenant T [--window W]
//           [--keep-open 90] [--timeout 900] [--psql "ARGS"] --out FILE
//       N held tools/call with distinct arguments over S sessions, all at once (or at most W sent
//       and not yet held at a time); waits until every held_call row has left REQUESTING; heap
//       after a full GC (jcmd), live threads, descriptors and RSS of the server JVM before and
//       with the calls waiting; keeps them open --keep-open seconds and counts the streams still
//       open; then closes them and looks again.
//   report LATENCY.json BURST.json     Markdown tables (either file may be missing)
//
// --psql is the psql connection arguments (e.g. "-h 127.0.0.1 -p 5432 -U postgres -d DB").

import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const PROTOCOL = '2025-11-25';
const TOOL = 'everything__echo';

const o = { n: 50, warmup: 10, quorum: 2, sessions: 100, window: 0, keepOpen: 90, timeout: 900, files: [] };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const v = () => process.argv[++i];
  switch (a) {
    case '--url': o.url = v(); break;
    case '--key': o.key = v(); break;
    case '--base': o.base = v(); break;
    case '--tenant': o.tenant = v(); break;
    case '--approvers': o.approvers = v().split(','); break;
    case '--password': o.password = v(); break;
    case '--quorum': o.quorum = Number(v()); break;
    case '-n': o.n = Number(v()); break;
    case '--warmup': o.warmup = Number(v()); break;
    case '--held': o.held = Number(v()); break;
    case '--sessions': o.sessions = Number(v()); break;
    case '--window': o.window = Number(v()); break;
    case '--keep-open': o.keepOpen = Number(v()); break;
    case '--timeout': o.timeout = Number(v()); break;
    case '--pid': o.pid = v(); break;
    case '--psql': o.psql = v().split(' ').filter(Boolean); break;
    case '--out': o.out = v(); break;
    default:
      if (!o.cmd) o.cmd = a;
      else if (o.cmd === 'report') o.files.push(a);
      else throw new Error(`unknown argument: ${a}`);
  }
}

const say = (m) => process.stderr.write(`[held-bench] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

// ---- HTTP and MCP ------------------------------------------------------------------------------
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(url, { method = 'GET', headers = {}, body, agent: a = agent } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: a }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function mcpHeaders(session) {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: `Bearer ${o.key}`,
    ...(session ? { 'mcp-session-id': session, 'mcp-protocol-version': PROTOCOL } : {}),
  };
}

function lastMessage(res) {
  if ((res.headers['content-type'] || '').startsWith('text/event-stream')) {
    const data = res.text.split('\n').filter((l) => l.startsWith('data:'));
    return JSON.parse(data[data.length - 1].slice(5));
  }
  return JSON.parse(res.text);
}

async function openSession() {
  const init = await request(o.url, {
    method: 'POST',
    headers: mcpHeaders(),
    body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize',
      params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'held-bench', version: '1' } } }),
  });
  if (init.status !== 200) throw new Error(`initialize answered ${init.status}: ${init.text}`);
  const session = init.headers['mcp-session-id'];
  lastMessage(init);
  const done = await request(o.url, { method: 'POST', headers: mcpHeaders(session),
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
  if (done.status !== 202) throw new Error(`notifications/initialized answered ${done.status}`);
  return session;
}

// A tools/call whose SSE answer is read as it arrives. Events: 'held' (the ": held for approval"
// comment), progress messages, the final response.
function heldCall(session, id, message, { progressToken, socketAgent } = {}) {
  const call = { id, message, held: false, progress: [], comments: 0, result: null, closed: false, error: null, waiters: [] };
  const params = { name: TOOL, arguments: { message } };
  if (progressToken) params._meta = { progressToken };
  const notify = () => { const w = call.waiters; call.waiters = []; w.forEach((f) => f()); };
  call.req = http.request(o.url, { method: 'POST', headers: mcpHeaders(session), agent: socketAgent ?? agent }, (res) => {
    call.status = res.statusCode;
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk) => {
      buffer += chunk;
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (event.startsWith(':')) {
          call.comments++;
          if (event.startsWith(': held for approval')) { call.held = true; call.heldAt = now(); }
          continue;
        }
        const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
        if (!data) continue;
        const msg = JSON.parse(data);
        if (msg.method === 'notifications/progress') call.progress.push(msg.params.message);
        else if (msg.id === id) { call.result = msg; call.resultAt = now(); }
      }
      notify();
    });
    res.on('end', () => { call.closed = true; notify(); });
    res.on('error', (e) => { call.error = e.message; call.closed = true; notify(); });
  });
  call.req.on('error', (e) => { call.error = e.message; call.closed = true; notify(); });
  call.req.end(JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }));
  call.until = (pred, ms, what) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`call ${id}: no ${what} within ${ms} ms (progress: ${call.progress.join(' | ')}; error: ${call.error})`)), ms);
    const check = () => {
      if (pred()) { clearTimeout(timer); resolve(); }
      else if (call.closed) { clearTimeout(timer); reject(new Error(`call ${id}: stream ended before ${what} (status ${call.status}, error ${call.error}, result ${JSON.stringify(call.result)})`)); }
      else call.waiters.push(check);
    };
    check();
  });
  return call;
}

// ---- decision API ------------------------------------------------------------------------------
const basic = (who) => `Basic ${Buffer.from(`${who}:${o.password}`).toString('base64')}`;
const approvalsUrl = (path = '') => `${o.base}/api/v1/tenants/${o.tenant}/approvals${path}`;

async function awaitInbox(approver, message, ms = 30000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const res = await request(approvalsUrl(), { headers: { authorization: basic(approver) } });
    if (res.status !== 200) throw new Error(`inbox answered ${res.status}: ${res.text}`);
    const item = JSON.parse(res.text).items.find((r) => r.arguments?.message === message);
    if (item) return item;
    await sleep(10);
  }
  throw new Error(`${message} never reached ${approver}'s inbox`);
}

async function vote(approver, item) {
  const res = await request(approvalsUrl(`/${item.id}/decision`), {
    method: 'POST',
    headers: { authorization: basic(approver), 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'approve', arguments_sha256: item.arguments_sha256 }),
  });
  if (res.status !== 200) throw new Error(`vote by ${approver} answered ${res.status}: ${res.text}`);
  return JSON.parse(res.text);
}

// ---- server-side facts -------------------------------------------------------------------------
function psql(sql) {
  return execFileSync('psql', [...o.psql, '-X', '-q', '-At', '-F', ',', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' }).trim();
}

const proc = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (k) => Number((status.match(new RegExp(`^${k}:\\s+(\\d+)`, 'm')) || [])[1]);
  return { threads: field('Threads'), rssKiB: field('VmRSS'), fds: readdirSync(`/proc/${pid}/fd`).length };
};
const cpuTicks = (pid) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
};
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

// Server-side sockets of the gateway's port that the client closed and the server has not.
function closeWait() {
  const port = new URL(o.url).port;
  try {
    const out = execFileSync('ss', ['-Htan', 'state', 'close-wait', `( sport = :${port} )`], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).length;
  } catch { return null; }
}

// Heap used after a full GC, from jcmd GC.heap_info (first heap line: "... total NK, used NK").
function heapAfterGc(pid) {
  execFileSync('jcmd', [pid, 'GC.run'], { encoding: 'utf8' });
  const info = execFileSync('jcmd', [pid, 'GC.heap_info'], { encoding: 'utf8' });
  const m = info.match(/total (\d+)K, used (\d+)K/);
  if (!m) throw new Error(`cannot read jcmd GC.heap_info: ${info}`);
  return { heapUsedKiB: Number(m[2]), heapTotalKiB: Number(m[1]), heapInfo: info.trim() };
}

// ---- statistics --------------------------------------------------------------------------------
function stats(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const rank = (p) => v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];   // nearest rank
  return { n: v.length, p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: v[v.length - 1], min: v[0] };
}

// ---- latency -----------------------------------------------------------------------------------
async function latency() {
  const session = await openSession();
  const stamp = Date.now().toString(36);
  const runs = [];
  const total = o.warmup + o.n;
  for (let i = 0; i < total; i++) {
    const message = `held-${stamp}-${i}`;
    const call = heldCall(session, i + 1, message, { progressToken: `p${i}` });
    await call.until(() => call.progress.some((p) => p.startsWith('awaiting approval')), 30000, 'PENDING progress');
    const item = await awaitInbox(o.approvers[0], message);
    // Votes that do not decide commit before their answer and call nobody back (only a decision
    // pings the gateway), so the deciding vote starts from a quiet server.
    for (let k = 1; k < o.quorum; k++) {
      const earlier = await vote(o.approvers[k - 1], item);
      if (earlier.outcome !== 'recorded') throw new Error(`call ${i}: vote ${k} of ${o.quorum} answered ${JSON.stringify(earlier)}`);
    }
    const t0 = now();
    const answer = await vote(o.approvers[o.quorum - 1], item);
    const tVote = now();
    await call.until(() => call.result, 60000, 'result');
    const r = call.result;
    const text = r.result?.content?.map((c) => c.text).join(' ') ?? '';
    if (!r.result || r.result.isError || !text.includes(message)) throw new Error(`call ${i}: unexpected answer ${JSON.stringify(r)}`);
    if (answer.outcome !== 'decided') throw new Error(`call ${i}: the last vote did not decide: ${JSON.stringify(answer)}`);
    if (i >= o.warmup) runs.push({ i, message, approvalId: item.id, clientMs: call.resultAt - t0, voteHttpMs: tVote - t0 });
    if ((i + 1) % 10 === 0) say(`${i + 1}/${total} held calls approved and answered`);
  }
  await request(o.url, { method: 'DELETE', headers: mcpHeaders(session) }).catch(() => {});

  // One clock: every entry's occurred_at is the server's.
  const values = runs.map((r) => `('${r.approvalId}','${r.message}',${r.i})`).join(',');
  const q = (corr, type) => `(SELECT extract(epoch FROM occurred_at) * 1000000 FROM audit_log_entry a
      WHERE a.tenant_id = '${o.tenant}' AND a.correlation_id = ${corr} AND a.event_type = '${type}'
      ORDER BY leaf_index DESC LIMIT 1)::bigint`;
  const rows = psql(`WITH m(approval_id, marker, i) AS (VALUES ${values}),
    h AS (SELECT m.*, c.id AS call_id FROM m JOIN held_call c
          ON c.tenant_id = '${o.tenant}' AND c.arguments::jsonb ->> 'message' = m.marker)
    SELECT i, ${q('h.approval_id', 'approval.vote_recorded')}, ${q('h.approval_id', 'approval.redeemed')},
           ${q('h.call_id', 'tool_call.approval_decided')}, ${q('h.call_id', 'tool_call.forwarded')},
           ${q('h.call_id', 'tool_call.outcome')}
    FROM h ORDER BY i`);
  const byI = new Map(rows.split('\n').filter(Boolean).map((l) => { const [i, ...t] = l.split(',').map(Number); return [i, t]; }));
  for (const r of runs) {
    const t = byI.get(r.i);
    if (!t) continue;
    const [voted, redeemed, decided, forwarded, outcome] = t;
    Object.assign(r, {
      serverMs: (forwarded - voted) / 1000,
      voteToRedeemedMs: (redeemed - voted) / 1000,
      redeemedToForwardedMs: (forwarded - redeemed) / 1000,
      decidedToForwardedMs: (forwarded - decided) / 1000,
      forwardedToOutcomeMs: (outcome - forwarded) / 1000,
    });
  }
  const pick = (k) => stats(runs.map((r) => r[k]));
  const result = {
    n: runs.length, warmup: o.warmup, quorum: o.quorum,
    server: pick('serverMs'), client: pick('clientMs'), voteHttp: pick('voteHttpMs'),
    steps: { voteToRedeemed: pick('voteToRedeemedMs'), redeemedToForwarded: pick('redeemedToForwardedMs'),
      decidedToForwarded: pick('decidedToForwardedMs'), forwardedToOutcome: pick('forwardedToOutcomeMs') },
    runs,
  };
  writeFileSync(o.out, JSON.stringify(result, null, 1));
  say(`vote -> forwarded (server) p50 ${result.server?.p50.toFixed(1)} ms; vote -> result (client) p50 ${result.client?.p50.toFixed(1)} ms`);
}

// ---- burst -------------------------------------------------------------------------------------
function pendingCounts() {
  const out = psql(`SELECT state, count(*) FROM held_call WHERE tenant_id = '${o.tenant}' AND arguments LIKE '%burst-%' GROUP BY state`);
  return Object.fromEntries(out.split('\n').filter(Boolean).map((l) => { const [s, c] = l.split(','); return [s, Number(c)]; }));
}

function failureReasons() {
  const out = psql(`SELECT count(*), left(regexp_replace(coalesce(outcome_text, ''), '[,\n]', ' ', 'g'), 140) FROM held_call
    WHERE tenant_id = '${o.tenant}' AND arguments LIKE '%burst-%' AND state NOT IN ('PENDING', 'REQUESTING') GROUP BY 2 ORDER BY 1 DESC LIMIT 5`);
  return out.split('\n').filter(Boolean).map((l) => { const c = l.indexOf(','); return { count: Number(l.slice(0, c)), text: l.slice(c + 1) }; });
}

async function burst() {
  const pid = o.pid;
  const sessions = [];
  for (let s = 0; s < o.sessions; s++) sessions.push(await openSession());
  say(`${sessions.length} sessions open; measuring the server JVM before`);
  await sleep(5000);
  const before = { ...proc(pid), ...heapAfterGc(pid) };
  const stamp = Date.now().toString(36);
  const calls = [];
  let peakThreads = before.threads;
  const sampler = setInterval(() => { try { peakThreads = Math.max(peakThreads, proc(pid).threads); } catch { /* gone */ } }, 250);
  const t0 = now();
  // One socket per request (agent false: no pooling); every stream keeps its connection. With
  // --window W, at most W calls are sent and not yet held (or answered) at any time.
  const send = (i) => {
    const call = heldCall(sessions[i % sessions.length], i + 1, `burst-${stamp}-${i}`, { socketAgent: false });
    calls.push(call);
    return call;
  };
  let sending = Promise.resolve();
  if (o.window > 0) {
    sending = (async () => {
      const inFlight = new Set();
      for (let i = 0; i < o.held; i++) {
        while (inFlight.size >= o.window) await Promise.race(inFlight);
        const call = send(i);
        const settled = call.until(() => call.held, o.timeout * 1000, 'held').catch(() => {}).then(() => inFlight.delete(settled));
        inFlight.add(settled);
      }
    })();
    say(`sending ${o.held} tools/call, at most ${o.window} at a time not yet held`);
  } else {
    for (let i = 0; i < o.held; i++) send(i);
    say(`${o.held} tools/call sent in ${(now() - t0).toFixed(0)} ms`);
  }
  say(`waiting until every held_call row has left REQUESTING (${o.held} PENDING if all goes well)`);
  let allPendingMs = null, settledMs = null, counts = {}, lastChange = now(), last = '';
  const deadline = t0 + o.timeout * 1000;
  while (now() < deadline) {
    await sleep(1000);
    counts = pendingCounts();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const answered = calls.filter((c) => c.held || c.closed).length;
    if (JSON.stringify(counts) !== last) { last = JSON.stringify(counts); lastChange = now(); }
    const closed = calls.filter((c) => c.closed).length;
    say(`t+${((now() - t0) / 1000).toFixed(0)} s: db ${last}; client: ${calls.length} sent, ${calls.filter((c) => c.held).length} held comments, ${closed} closed; JVM threads ${proc(pid).threads}`);
    if ((counts.PENDING ?? 0) >= o.held) { allPendingMs = settledMs = now() - t0; break; }
    if (total >= o.held && !counts.REQUESTING && answered >= o.held) { settledMs = now() - t0; break; }
    if (answered >= o.held && now() - lastChange > 15000) { say('every request answered, rows unchanged for 15 s'); break; }
    if (now() - lastChange > 120000) { say('no change for 120 s: giving up'); break; }
  }
  await Promise.race([sending, sleep(1000)]);
  const clientHeldMs = Math.max(...calls.map((c) => (c.heldAt ?? Infinity) - t0));
  const rampPeakThreads = peakThreads;
  say('settling 10 s, then measuring the JVM with the calls waiting');
  await sleep(10000);
  const during = { ...proc(pid), ...heapAfterGc(pid), counts: pendingCounts() };
  // Keep them open: what the node spends on waiting calls, and whether any stream is dropped.
  const c0 = cpuTicks(pid), w0 = now();
  let minThreads = Infinity, maxThreads = 0;
  const end = now() + o.keepOpen * 1000;
  while (now() < end) {
    await sleep(1000);
    const t = proc(pid).threads; minThreads = Math.min(minThreads, t); maxThreads = Math.max(maxThreads, t);
  }
  const cpuCorePct = (100 * (cpuTicks(pid) - c0) / CLK_TCK) / ((now() - w0) / 1000);
  const held = calls.filter((c) => c.held);
  const open = calls.filter((c) => !c.closed && !c.result && !c.error);
  const ended = calls.filter((c) => c.result);
  const errors = calls.filter((c) => c.error);
  const statuses = {};
  calls.forEach((c) => { statuses[c.status ?? 'none'] = (statuses[c.status ?? 'none'] ?? 0) + 1; });
  const sampleEnded = ended.slice(0, 3).map((c) => JSON.stringify(c.result).slice(0, 300));
  const sampleErrors = [...new Set(errors.map((c) => c.error))].slice(0, 5);
  const afterKeep = { ...proc(pid), counts: pendingCounts() };
  clearInterval(sampler);
  say(`closing the ${calls.length} streams`);
  calls.forEach((c) => c.req.destroy());
  await sleep(10000);
  const afterClose = { ...proc(pid), ...heapAfterGc(pid), closeWait: closeWait() };
  const result = {
    held: o.held, sessions: o.sessions, keepOpenS: o.keepOpen,
    window: o.window, allPendingMs, settledMs, clientHeldMs: Number.isFinite(clientHeldMs) ? clientHeldMs : null,
    before, during, afterKeep, afterClose, rampPeakThreads, keepOpenThreads: { min: minThreads, max: maxThreads },
    cpuCorePctWhileWaiting: cpuCorePct,
    streams: { held: held.length, open: open.length, endedWithResult: ended.length, errors: errors.length, statuses, sampleEnded, sampleErrors },
    bytesPerHeldCall: ((during.heapUsedKiB - before.heapUsedKiB) * 1024) / Math.max(1, during.counts.PENDING ?? 0),
    failures: failureReasons(),
  };
  writeFileSync(o.out, JSON.stringify(result, null, 1));
  say(`all PENDING after ${allPendingMs === null ? 'never' : (allPendingMs / 1000).toFixed(1) + ' s'}; streams open after ${o.keepOpen} s: ${open.length}/${o.held}`);
}

// ---- report ------------------------------------------------------------------------------------
function report() {
  const [latFile, burstFile] = o.files;
  const f = (x, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));
  const mib = (kib) => f(kib / 1024, 0);
  const lines = [];
  if (latFile && existsSync(latFile)) {
    const l = JSON.parse(readFileSync(latFile, 'utf8'));
    lines.push(`Vote-to-forward latency, ping mode: ${l.n} held calls one after another (after ${l.warmup} warm-up calls), quorum ${l.quorum} (the last vote decides):`, '');
    lines.push('| measured | n | p50 ms | p90 ms | p99 ms | max ms |', '|---|---:|---:|---:|---:|---:|');
    const row = (name, s) => s && lines.push(`| ${name} | ${s.n} | ${f(s.p50)} | ${f(s.p90)} | ${f(s.p99)} | ${f(s.max)} |`);
    row('**server**: deciding vote → `tool_call.forwarded` (audit entries)', l.server);
    row('**client**: vote sent → result on the agent\'s stream', l.client);
    row('client: the vote\'s own HTTP answer', l.voteHttp);
    row('server: vote → `approval.redeemed` (ping, token request)', l.steps.voteToRedeemed);
    row('server: `approval.redeemed` → `tool_call.forwarded`', l.steps.redeemedToForwarded);
    row('server: `tool_call.forwarded` → `tool_call.outcome` (upstream)', l.steps.forwardedToOutcome);
    lines.push('');
  }
  if (burstFile && existsSync(burstFile)) {
    const b = JSON.parse(readFileSync(burstFile, 'utf8'));
    const pending = b.during.counts.PENDING ?? 0;
    const how = b.window > 0 ? `sent with at most ${b.window} not yet held at a time` : 'all sent at once';
    lines.push(`${b.held} held calls (distinct arguments) over ${b.sessions} sessions, ${how}:`, '');
    lines.push('| measured | result |', '|---|---|');
    lines.push(`| held_call rows by state, with the calls waiting | ${Object.entries(b.during.counts).map(([k, v]) => `${k} ${v}`).join(', ')} |`);
    lines.push(`| time until all ${b.held} PENDING (first request sent → last row PENDING) | ${b.allPendingMs === null ? `not reached${b.settledMs === null ? '' : ` (every row out of REQUESTING after ${f(b.settledMs / 1000)} s)`}` : `${f(b.allPendingMs / 1000)} s (${f(b.held / (b.allPendingMs / 1000), 0)} held calls/s)`} |`);
    for (const x of b.failures ?? []) lines.push(`| ended instead of waiting: ${x.count} | "${x.text.replace(/\|/g, '/')}" |`);
    lines.push(`| heap used after a full GC: before → with ${pending} waiting → after closing them | ${mib(b.before.heapUsedKiB)} → ${mib(b.during.heapUsedKiB)} → ${mib(b.afterClose.heapUsedKiB)} MiB |`);
    lines.push(pending >= b.held / 2
      ? `| heap per waiting held call | ${f(b.bytesPerHeldCall / 1024, 1)} KiB |`
      : `| heap per waiting held call | not meaningful: only ${pending} of ${b.held} wait, the heap also holds the threads and failed requests |`);
    lines.push(`| JVM live threads: before / peak while opening / while waiting (min–max over ${b.keepOpenS} s) / after closing | ${b.before.threads} / ${b.rampPeakThreads} / ${b.keepOpenThreads.min}–${b.keepOpenThreads.max} / ${b.afterClose.threads} |`);
    lines.push(`| JVM file descriptors: before / waiting / 10 s after the client closed every stream | ${b.before.fds} / ${b.during.fds} / ${b.afterClose.fds} (server sockets in CLOSE_WAIT then: ${b.afterClose.closeWait ?? '–'}) |`);
    lines.push(`| JVM resident memory (RSS): before / waiting | ${mib(b.before.rssKiB)} / ${mib(b.during.rssKiB)} MiB |`);
    lines.push(`| JVM CPU while they wait (${b.keepOpenS} s) | ${f(b.cpuCorePctWhileWaiting)} % of one core |`);
    lines.push(`| streams open at the end of those ${b.keepOpenS} s | ${b.streams.open} of the ${pending} waiting (streams that ended with a result: ${b.streams.endedWithResult}; client errors: ${b.streams.errors}${b.streams.sampleErrors.length ? ` "${b.streams.sampleErrors.join('; ')}"` : ''}; HTTP status ${Object.entries(b.streams.statuses).map(([k, v]) => `${k}: ${v}`).join(', ')}) |`);
    lines.push('');
  }
  process.stdout.write(lines.join('\n') + '\n');
}

const commands = { latency, burst, report };
if (!commands[o.cmd]) { say('usage: held-bench.mjs latency|burst|report ...'); process.exit(1); }
try {
  await commands[o.cmd]();
  process.exit(0);
} catch (e) {
  say(`failed: ${e.stack || e}`);
  process.exit(2);
}
