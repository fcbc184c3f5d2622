#!/usr/bin/env node
// A small CLI over the official MCP TypeScript SDK v2 client (@modelcontextprotocol/client), pinned
// to protocol revision 2026-07-28: no initialize, no session; server/discover first, then every
// request stands alone with its _meta and Mcp-* headers.
//
//   node sdk2-client.mjs --url URL [--bearer KEY] [--timeout-ms N] [--elicitation ANSWER] <command>
//     list-tools                        server/discover, tools/list (all pages)
//     call-tool --name N [--args JSON]  server/discover, tools/call
//     get-prompt --name N [--args JSON] server/discover, prompts/get (the result in "result")
//     read-resource --uri U             server/discover, resources/read (the result in "result")
//     call-tool-task --name N [--args JSON]
//                                       the same through @modelcontextprotocol/ext-tasks (the tasks
//                                       extension: tools/call answered with a task, tasks/get polled
//                                       until it ends); the task's id and the statuses seen
//                                       are reported in "task"; with --elicitation, the
//                                       elicitations of an input_required task are answered
//                                       through tasks/update
//   --cancel-after-ms N                 (call-tool-task) cancel the task N ms after it was created
//   --elicitation accept:JSON|decline|cancel  declare the elicitation capability and answer every
//                                             elicitation/create an input-required result (of any
//                                             of the three commands) carries so (the SDK retries
//                                             with inputResponses on its own);
//                                             the requests' messages are reported in "elicitations"
//
// Prints ONE JSON document on stdout:
//   {"ok":true,"protocolVersion":"2026-07-28","era":"modern","server":{..},"tools":[..],"result":{..}}
//   {"ok":false,"stage":"connect|list-tools|call-tool|get-prompt|read-resource","error":{"code":..,"message":..}}
// Exit code: 0 when the exchange worked (a tool result with isError:true is still ok:true), 2 when
// it failed, 1 for a usage error.

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { elicitationAnswer } from './elicitation-answer.mjs';
import {
  createApplicationInputHandler, createTaskSessionFromClient, resultFromTaskOutcome, taskViewFromExecutionEvent,
} from '@modelcontextprotocol/ext-tasks/client';

const PROTOCOL = '2026-07-28';
const CLIENT_INFO = { name: 'countersign-e2e-sdk2-client', version: '1.0.0' };

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
    else if (a === '--name') o.name = next();
    else if (a === '--uri') o.uri = next();
    else if (a === '--args') o.args = JSON.parse(next());
    else if (a === '--timeout-ms') o.timeoutMs = Number(next());
    else if (a === '--elicitation') o.elicitation = elicitationAnswer(next());
    else if (a === '--cancel-after-ms') o.cancelAfterMs = Number(next());
    else if (!a.startsWith('--') && !o.command) o.command = a;
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!o.url) throw new Error('--url is required');
  if (!['list-tools', 'call-tool', 'call-tool-task', 'get-prompt', 'read-resource'].includes(o.command)) {
    throw new Error('command must be list-tools, call-tool, call-tool-task, get-prompt or read-resource');
  }
  if (o.command === 'read-resource' && !o.uri) throw new Error('read-resource needs --uri');
  if (!['list-tools', 'read-resource'].includes(o.command) && !o.name) throw new Error(`${o.command} needs --name`);
  return o;
}

// The SDK client does not read a task result itself: ext-tasks sends tools/call and tasks/* through
// this function (it adds the _meta envelope and the Mcp-Name header of tasks/*).
const MCP_NAME = { 'tools/call': 'name', 'tasks/get': 'taskId', 'tasks/update': 'taskId', 'tasks/cancel': 'taskId' };
let rawIds = 0;
async function rawDispatch(request, options = {}) {
  const id = `ext-tasks-${++rawIds}`;
  const headers = new Headers({
    ...opts.headers,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': PROTOCOL,
    'mcp-method': request.method,
  });
  const field = MCP_NAME[request.method];
  if (field && typeof request.params?.[field] === 'string') headers.set('mcp-name', request.params[field]);
  for (const [k, v] of Object.entries(options.context?.headers ?? {})) headers.set(k, v);
  const res = await fetch(opts.url, {
    method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id, ...request }), signal: options.signal,
  });
  const text = await res.text();
  let message;
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    for (const event of text.split(/\r?\n\r?\n/)) {
      const data = event.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
      if (!data) continue;
      const m = JSON.parse(data);
      if (m.id === id && ('result' in m || 'error' in m)) { message = m; break; }
    }
  } else if (text) message = JSON.parse(text);
  if (!message) throw new Error(`HTTP ${res.status}: no JSON-RPC response to ${request.method}: ${text}`);
  return 'error' in message ? { kind: 'error', error: message.error } : { kind: 'result', result: message.result };
}

// an input_required task's elicitations, answered as --elicitation says (through tasks/update)
const taskInput = (answer) => createApplicationInputHandler({
  elicitation: async (request) => {
    elicitations.push({ message: request.params.message, mode: request.params.mode ?? 'form' });
    return answer;
  },
  sampling: async () => { throw new Error('this client does not sample'); },
  roots: async () => ({ roots: [] }),
});

async function callAsTask(o) {
  const session = createTaskSessionFromClient(client, {
    endpointId: o.url,
    rawDispatch,
    v2RequestFraming: {
      protocolVersion: PROTOCOL,
      clientInfo: CLIENT_INFO,
      clientCapabilities: o.elicitation ? { elicitation: { form: {} } } : {},
    },
    ...(o.elicitation ? { onInputRequest: taskInput(o.elicitation) } : {}),
  });
  try {
    const execution = await session.callTool(o.name, o.args);
    out.task = { kind: execution.kind, taskId: execution.handle?.taskId ?? null, statuses: [] };
    if (o.cancelAfterMs !== undefined && execution.kind === 'task') {
      await new Promise((resolve) => setTimeout(resolve, o.cancelAfterMs));
      await execution.cancel();
      out.task.cancelled = true;
      return null;
    }
    const { outcome } = await execution.settle({
      onEvent: (event) => {
        const status = taskViewFromExecutionEvent(event)?.status;
        if (status && out.task.statuses.at(-1) !== status) out.task.statuses.push(status);
      },
    });
    out.task.status = outcome?.status ?? outcome?.kind ?? null;
    return resultFromTaskOutcome(outcome);
  } finally {
    await session.close();
  }
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

const transport = new StreamableHTTPClientTransport(new URL(opts.url), {
  requestInit: { headers: opts.headers },
});
const client = new Client(
  CLIENT_INFO,
  {
    capabilities: opts.elicitation ? { elicitation: { form: {} } } : {},
    versionNegotiation: { mode: { pin: PROTOCOL } },
  },
);
client.onerror = () => {};
const elicitations = [];
if (opts.elicitation) {
  client.setRequestHandler('elicitation/create', async (request) => {
    elicitations.push({ message: request.params.message, mode: request.params.mode ?? 'form' });
    return opts.elicitation;
  });
}
const reqOpts = { timeout: opts.timeoutMs };

const out = { ok: true };
let stage = 'connect';
try {
  await client.connect(transport, reqOpts);
  out.protocolVersion = client.getNegotiatedProtocolVersion?.() ?? null;
  out.era = client.getProtocolEra?.() ?? null;
  out.server = client.getServerVersion?.() ?? null;
  if (opts.command === 'list-tools') {
    stage = 'list-tools';
    out.tools = [];
    let cursor;
    let pages = 0;
    do {
      if (++pages > 100) throw new Error('tools/list returned more than 100 pages');
      const page = await client.listTools(cursor ? { cursor } : undefined, reqOpts);
      for (const t of page.tools) out.tools.push({ name: t.name, annotations: t.annotations ?? null });
      cursor = page.nextCursor;
    } while (cursor);
  } else if (opts.command === 'call-tool') {
    stage = 'call-tool';
    out.result = await client.callTool({ name: opts.name, arguments: opts.args }, reqOpts);
  } else if (opts.command === 'get-prompt') {
    stage = 'get-prompt';
    out.result = await client.getPrompt({ name: opts.name, arguments: opts.args }, reqOpts);
  } else if (opts.command === 'read-resource') {
    stage = 'read-resource';
    out.result = await client.readResource({ uri: opts.uri }, reqOpts);
  } else {
    stage = 'call-tool';
    out.result = await callAsTask(opts);
  }
  if (opts.elicitation) out.elicitations = elicitations;
  await client.close().catch(() => {});
  print(out, 0);
} catch (err) {
  await client.close().catch(() => {});
  const error = { code: err?.code ?? err?.name ?? 'error', message: err?.message ?? String(err) };
  if (err?.data !== undefined) error.data = err.data;
  print({ ok: false, stage, error }, 2);
}
