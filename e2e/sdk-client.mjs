#!/usr/bin/env node
// A small CLI over the official MCP TypeScript SDK client (Client + StreamableHTTPClientTransport).
//
//   node sdk-client.mjs --url URL [--bearer KEY] [--header K=V]... [--timeout-ms N] <command>
//     list-tools                             initialize, tools/list (all pages), end session
//     call-tool --name N [--args JSON]       initialize, tools/call, end session
//     get-prompt --name N [--args JSON]      initialize, prompts/get, end session
//     read-resource --uri U                  initialize, resources/read, end session
//     session-flow --name N [--args JSON]    initialize, tools/list, tools/call, DELETE session
//     call-tool-task --name N [--args JSON]  initialize, tools/list, tools/call as a task (2025-11-25
//                                            "Tasks", the SDK's experimental callToolStream: it polls
//                                            tasks/get and ends with tasks/result); the task's id and
//                                            the statuses seen are reported in "task"
//   --elicitation accept:JSON|decline|cancel  declare the elicitation capability and answer every
//                                             elicitation/create so; the requests' messages are
//                                             reported in "elicitations"
//   --progress                                ask for progress on tools/call; counted in "progress"
//   --drop-after-priming                      (call-tool) drop the call's stream after its priming
//                                             event; the SDK resumes it with GET + Last-Event-ID
//                                             (dropping-fetch.mjs); reported in "resumption", and
//                                             {"event":"dropped",...} goes to stderr as it happens
//   --hold-reconnect                          with --drop-after-priming: the resuming GET waits for
//                                             a line "resume" on stdin ({"event":"reconnecting"} on
//                                             stderr says it waits)
//
// Prints ONE JSON document on stdout:
//   {"ok":true,"protocolVersion":..,"sessionId":..,"server":{..},"tools":[{name,annotations}],"result":{..},"terminated":true}
//   {"ok":false,"stage":"connect|list-tools|call-tool|get-prompt|read-resource|terminate","error":{"code":..,"message":..,"httpStatus":..,"data":..}}
//   (with "task" too when call-tool-task's task was created: a failed or cancelled task ends so)
// Exit code: 0 when the MCP exchange worked (a tool result with isError:true is still ok:true),
// 2 when it failed, 1 for a usage error. error.code is the JSON-RPC error code when the server sent
// one (also from the body of a non-2xx HTTP answer), else the HTTP status, else a string.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { elicitationAnswer } from './elicitation-answer.mjs';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { droppingFetch } from './dropping-fetch.mjs';
import { createInterface } from 'node:readline';

function parseArgs(argv) {
  const o = { headers: {}, timeoutMs: 30000, args: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--url') o.url = next();
    else if (a === '--bearer') o.headers.Authorization = `Bearer ${next()}`;
    else if (a === '--header') {
      const kv = next();
      const eq = kv.indexOf('=');
      if (eq < 1) throw new Error(`--header expects K=V, got ${kv}`);
      o.headers[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === '--name') o.name = next();
    else if (a === '--uri') o.uri = next();
    else if (a === '--args') o.args = JSON.parse(next());
    else if (a === '--timeout-ms') o.timeoutMs = Number(next());
    else if (a === '--elicitation') o.elicitation = elicitationAnswer(next());
    else if (a === '--progress') o.progress = true;
    else if (a === '--drop-after-priming') o.drop = true;
    else if (a === '--hold-reconnect') o.holdReconnect = true;
    else if (!a.startsWith('--') && !o.command) o.command = a;
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!o.url) throw new Error('--url is required');
  if (!['list-tools', 'call-tool', 'session-flow', 'call-tool-task', 'get-prompt', 'read-resource'].includes(o.command)) {
    throw new Error('command must be one of list-tools, call-tool, session-flow, call-tool-task, get-prompt, read-resource');
  }
  if (o.command === 'read-resource' && !o.uri) throw new Error('read-resource needs --uri');
  if (!['list-tools', 'read-resource'].includes(o.command) && !o.name) throw new Error(`${o.command} needs --name`);
  return o;
}

function print(doc, code) {
  process.stdout.write(`${JSON.stringify(doc)}\n`, () => process.exit(code));
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  print({ ok: false, stage: 'usage', error: { code: 'usage', message: e.message } }, 1);
  await new Promise(() => {});                           // print() exits
}

// Remember the last non-2xx answer to a POST/DELETE (the SDK's optional background GET stream is
// ignored), so a JSON-RPC error in its body can be reported precisely.
let lastHttpError;
async function recordingFetch(url, init) {
  const res = await fetch(url, init);
  if (!res.ok && init?.method !== 'GET') {
    const body = await res.clone().text().catch(() => '');
    lastHttpError = { status: res.status, method: init?.method, body };
  }
  return res;
}

function describe(err) {
  const e = { code: undefined, message: err?.message ?? String(err) };
  if (err?.name === 'McpError' || (typeof err?.code === 'number' && err.code < 0)) {
    e.code = err.code;                                   // JSON-RPC error from the server
    if (err.data !== undefined) e.data = err.data;
  } else if (typeof err?.code === 'number' && err.code >= 100) {
    e.httpStatus = err.code;                             // StreamableHTTPError: HTTP status
  }
  if (lastHttpError) {
    e.httpStatus = lastHttpError.status;
    try {
      const body = JSON.parse(lastHttpError.body);
      if (body?.error) {
        e.code = body.error.code;
        e.message = body.error.message ?? e.message;
        if (body.error.data !== undefined) e.data = body.error.data;
      }
    } catch { /* body not JSON */ }
  }
  const cause = err?.cause?.code;                        // e.g. ECONNREFUSED from fetch
  if (cause && !e.message.includes(cause)) e.message += ` (${cause})`;
  if (e.code === undefined) e.code = e.httpStatus ?? cause ?? err?.name ?? 'error';
  if (err?.name === 'UnauthorizedError' && e.httpStatus === undefined) e.httpStatus = 401;
  return e;
}

const dropping = opts.drop
  ? droppingFetch(recordingFetch, {
    holdReconnect: opts.holdReconnect,
    onEvent: (event) => process.stderr.write(`${JSON.stringify(event)}\n`),
  })
  : undefined;
if (dropping && opts.holdReconnect) {
  createInterface({ input: process.stdin }).on('line', (line) => { if (line.trim() === 'resume') dropping.resume(); });
}
const transport = new StreamableHTTPClientTransport(new URL(opts.url), {
  requestInit: { headers: opts.headers },
  fetch: dropping ? dropping.fetch : recordingFetch,
  reconnectionOptions: { maxRetries: dropping ? 2 : 0, initialReconnectionDelay: 1000, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1 },
});
const client = new Client(
  { name: 'countersign-e2e-sdk-client', version: '1.0.0' },
  { capabilities: opts.elicitation ? { elicitation: { form: {} } } : {} },
);
const elicitations = [];
if (opts.elicitation) {
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    elicitations.push({ message: request.params.message, mode: request.params.mode ?? 'form' });
    return opts.elicitation;
  });
}
client.onerror = () => {};   // background GET stream hiccups are not the exchange under test
const reqOpts = { timeout: opts.timeoutMs };
let progress = 0;
const callOpts = opts.progress ? { ...reqOpts, onprogress: () => { progress++; } } : reqOpts;

const out = { ok: true };
let stage = 'connect';
try {
  await client.connect(transport, reqOpts);
  out.protocolVersion = transport.protocolVersion;
  out.sessionId = transport.sessionId ?? null;
  out.server = client.getServerVersion();

  if (['list-tools', 'session-flow', 'call-tool-task'].includes(opts.command)) {
    stage = 'list-tools';
    out.tools = [];
    let cursor;
    let pages = 0;
    do {
      if (++pages > 100) throw new Error('tools/list returned more than 100 pages');
      const page = await client.listTools(cursor ? { cursor } : undefined, reqOpts);
      for (const t of page.tools) {
        out.tools.push({ name: t.name, annotations: t.annotations ?? null, ...(t.execution ? { execution: t.execution } : {}) });
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  if (opts.command === 'call-tool' || opts.command === 'session-flow') {
    stage = 'call-tool';
    out.result = await client.callTool({ name: opts.name, arguments: opts.args }, undefined, callOpts);
    if (opts.progress) out.progress = progress;
    if (dropping) out.resumption = dropping.stats;
  }
  if (opts.command === 'get-prompt') {
    stage = 'get-prompt';
    out.result = await client.getPrompt({ name: opts.name, arguments: opts.args }, reqOpts);
  }
  if (opts.command === 'read-resource') {
    stage = 'read-resource';
    out.result = await client.readResource({ uri: opts.uri }, reqOpts);
  }
  if (opts.command === 'call-tool-task') {
    stage = 'call-tool';
    out.task = { taskId: null, statuses: [] };
    const stream = client.experimental.tasks.callToolStream(
      { name: opts.name, arguments: opts.args }, undefined, { ...reqOpts, task: { ttl: 60000 } });
    for await (const message of stream) {
      if (message.type === 'taskCreated') out.task.taskId = message.task.taskId;
      else if (message.type === 'taskStatus') out.task.statuses.push(message.task.status);
      else if (message.type === 'result') out.result = message.result;
      else if (message.type === 'error') throw message.error;
    }
  }
  if (opts.elicitation) out.elicitations = elicitations;
  stage = 'terminate';
  lastHttpError = undefined;
  if (opts.command === 'session-flow') {
    await transport.terminateSession();                  // a failure here fails the flow
    out.terminated = true;
  } else {
    out.terminated = await transport.terminateSession().then(() => true, () => false);
  }
  await client.close().catch(() => {});
  print(out, 0);
} catch (err) {
  const error = describe(err);
  if (stage !== 'terminate' && transport.sessionId) await transport.terminateSession().catch(() => {});
  await client.close().catch(() => {});
  print({
    ok: false, stage, ...(out.sessionId ? { sessionId: out.sessionId } : {}),
    ...(out.task ? { task: out.task } : {}), error,
    ...(dropping ? { resumption: dropping.stats } : {}),
  }, 2);
}
