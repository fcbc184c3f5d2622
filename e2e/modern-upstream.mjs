#!/usr/bin/env node
// An upstream MCP server of the 2026-07-28 era only, written on the official v2 server SDK
// (@modelcontextprotocol/server: createMcpHandler with legacy: 'reject'). It has no session and no
// initialize: a 2025-era client (or a gateway that does not probe) is refused with -32022.
//
//   node modern-upstream.mjs <port|0> [--log FILE] [--ignore-stdin]
//
// Same contract as start-everything.mjs: listens on 127.0.0.1 only, prints exactly one line
//   READY http://127.0.0.1:<port>/mcp
// once listening, exits when its stdin closes (unless --ignore-stdin) and on SIGTERM/SIGINT/SIGHUP,
// and writes a line per request to --log FILE (nothing otherwise).
//
// Tools:
//   echo {message}          readOnly: "Echo: <message>"
//   add {a, b}              readOnly: the sum, also as structuredContent
//   whoami                  readOnly: what this request carried (its _meta envelope: protocol
//                           version, clientInfo, clientCapabilities; its Mcp-Method / Mcp-Name headers)
//   ask_name                readOnly: asks for a name by an input-required result (one elicitation,
//                           key "name", with a requestState of its own that must come back
//                           unchanged and is good once): "Hello, <name>!", or says it was declined
//                           or cancelled
//   delete_records {year}   destructive: "Deleted the records of <year>"
//   count_calls {tool}      readOnly: how often <tool> has run in this process ("tasks/cancel":
//                           how many tasks were cancelled)
//   slow_report {topic}     readOnly: with the tasks extension declared, a task (working, then
//                           completed after about a second with "Report: <topic>"); without it,
//                           the same result at once
//   approve_plan {plan}     a task only (-32021 without the extension): working, then
//                           input_required asking an elicitation (key "approval-<n>", {approver});
//                           answered through tasks/update, it completes with "Plan <plan> approved
//                           by <approver>" or "Plan <plan> declined"
//   long_job {label}        a task only: working until tasks/cancel, then cancelled
// Prompts: `greeting {name}`; `briefing {topic}`, which asks for its audience by an input-required
// result (one elicitation, key "audience", {audience}, with a requestState of its own as ask_name's):
// "Brief <audience> on <topic>.", or says it was declined.
// Resources: `modern://motd`; `modern://memo`, which asks who reads it the same way (key "reader",
// {name}): "Confidential memo for <name>", or says it was declined.
//
// Tasks (the io.modelcontextprotocol/tasks extension): the v2 server SDK has no runtime for them and
// @modelcontextprotocol/ext-tasks serves only the client side, so this fixture answers the task tools'
// tools/call and tasks/get, tasks/update, tasks/cancel itself, by the extension's text: the extension
// must be declared in the request's _meta (-32021), Mcp-Name must be the taskId (-32020), an unknown
// taskId is -32602, inputResponses for keys not outstanding are ignored.

import { createServer } from 'node:http';
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { HOST, serveOnLoopback } from './serve-loopback.mjs';
import { createMcpHandler, McpServer, fromJsonSchema, inputRequired, inputResponse } from '@modelcontextprotocol/server';
import { answerTaskRequest } from './modern-upstream-tasks.mjs';

function usage(msg) {
  process.stderr.write(`${msg}\nusage: node modern-upstream.mjs <port|0> [--log FILE] [--ignore-stdin]\n`);
  process.exit(1);
}

const opts = { watchStdin: true };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--log') opts.log = argv[++i];
  else if (a === '--ignore-stdin') opts.watchStdin = false;
  else if (/^\d+$/.test(a) && opts.port === undefined) opts.port = Number(a);
  else usage(`unknown argument: ${a}`);
}
if (opts.port === undefined) usage('a numeric <port> is required');

function log(line) {
  if (opts.log) appendFileSync(opts.log, `${new Date().toISOString()} ${line}\n`);
}

const text = (t) => ({ type: 'text', text: t });
const object = (properties, required = []) => fromJsonSchema({ type: 'object', properties, required });
const runs = new Map();
const ran = (tool) => runs.set(tool, (runs.get(tool) ?? 0) + 1);

// the states of ask_name, briefing and modern://memo: minted here, each good for one retry
const mintedStates = new Set();

// One round of asking for `key` by an input-required result with a state of this process's:
//   {ask}     the input-required result to return (first round, or the answer is missing)
//   {reused}  the state that came back was not minted here, or was used already
//   {answer}  the client's answer (inputResponse: kind, action, content)
function askOnce(ctx, key, request) {
  const echoed = ctx.mcpReq.requestState();
  const answer = inputResponse(ctx.mcpReq.inputResponses, key);
  if (echoed !== undefined && !mintedStates.delete(echoed)) return { reused: echoed };
  if (echoed === undefined || answer.kind === 'missing') {
    const state = `${key}:${randomUUID()}`;
    mintedStates.add(state);
    return { ask: inputRequired({ inputRequests: { [key]: request }, requestState: state }) };
  }
  return { answer };
}

const elicitText = (message, field, title) => inputRequired.elicit({
  message,
  requestedSchema: { type: 'object', properties: { [field]: { type: 'string', title } }, required: [field] },
});
const refusal = (answer) => `The user ${{ decline: 'declined', cancel: 'cancelled' }[answer.action] ?? 'gave no answer'}.`;

function buildServer(context) {
  const headers = context?.requestInfo?.headers;
  const server = new McpServer(
    { name: 'countersign-modern-upstream', version: '1.0.0' },
    {
      capabilities: { tools: {}, prompts: {}, resources: {}, extensions: { 'io.modelcontextprotocol/tasks': {} } },
      instructions: 'A 2026-07-28 test upstream.',
    },
  );

  server.registerTool('echo', {
    description: 'Echoes the message back',
    inputSchema: object({ message: { type: 'string' } }, ['message']),
    annotations: { readOnlyHint: true },
  }, async ({ message }) => {
    ran('echo');
    return { content: [text(`Echo: ${message}`)] };
  });

  server.registerTool('add', {
    description: 'Adds two integers',
    inputSchema: object({ a: { type: 'integer' }, b: { type: 'integer' } }, ['a', 'b']),
    annotations: { readOnlyHint: true },
  }, async ({ a, b }) => {
    ran('add');
    return { content: [text(String(a + b))], structuredContent: { sum: a + b } };
  });

  server.registerTool('whoami', {
    description: 'Reports what this request carried: its _meta envelope and Mcp-* headers',
    inputSchema: object({}),
    annotations: { readOnlyHint: true },
  }, async (_args, ctx) => {
    ran('whoami');
    const seen = {
      envelope: ctx.mcpReq.envelope ?? null,
      headers: { 'mcp-method': headers?.get('mcp-method') ?? null, 'mcp-name': headers?.get('mcp-name') ?? null },
    };
    return { content: [text(JSON.stringify(seen))], structuredContent: seen };
  });

  server.registerTool('ask_name', {
    description: 'Asks the user for a name (elicitation through an input-required result)',
    inputSchema: object({}),
    annotations: { readOnlyHint: true },
  }, async (_args, ctx) => {
    const round = askOnce(ctx, 'name', elicitText('What is your name?', 'name', 'Name'));
    if (round.reused !== undefined) {
      return { content: [text(`Unknown or reused requestState: ${round.reused}`)], isError: true };
    }
    if (round.ask) return round.ask;
    ran('ask_name');
    const { answer } = round;
    if (answer.kind === 'elicit' && answer.action === 'accept') {
      return { content: [text(`Hello, ${answer.content?.name}!`)] };
    }
    return { content: [text(refusal(answer))] };
  });

  server.registerTool('delete_records', {
    description: 'Deletes the records of a year',
    inputSchema: object({ year: { type: 'integer' } }, ['year']),
    annotations: { destructiveHint: true, readOnlyHint: false },
  }, async ({ year }) => {
    ran('delete_records');
    return { content: [text(`Deleted the records of ${year}`)] };
  });

  server.registerTool('count_calls', {
    description: 'How often a tool has run in this process',
    inputSchema: object({ tool: { type: 'string' } }, ['tool']),
    annotations: { readOnlyHint: true },
  }, async ({ tool }) => ({ content: [text(String(runs.get(tool) ?? 0))], structuredContent: { runs: runs.get(tool) ?? 0 } }));

  // listed here; called as tasks in modern-upstream-tasks.mjs (slow_report also without the extension)
  server.registerTool('slow_report', {
    description: 'Writes a report on a topic (a task when the client declares the tasks extension)',
    inputSchema: object({ topic: { type: 'string' } }, ['topic']),
    annotations: { readOnlyHint: true },
  }, async ({ topic }) => {
    ran('slow_report');
    return { content: [text(`Report: ${topic}`)] };
  });
  server.registerTool('approve_plan', {
    description: 'Asks an approver about a plan, as a task that requires input',
    inputSchema: object({ plan: { type: 'string' } }, ['plan']),
    annotations: { readOnlyHint: true },
  }, async () => ({ content: [text('approve_plan runs only as a task')], isError: true }));
  server.registerTool('long_job', {
    description: 'Works until it is cancelled, as a task',
    inputSchema: object({ label: { type: 'string' } }, ['label']),
    annotations: { readOnlyHint: true },
  }, async () => ({ content: [text('long_job runs only as a task')], isError: true }));

  server.registerPrompt('greeting', {
    description: 'Greets someone',
    argsSchema: object({ name: { type: 'string' } }, ['name']),
  }, ({ name }) => ({ messages: [{ role: 'user', content: text(`Please greet ${name}.`) }] }));

  server.registerPrompt('briefing', {
    description: 'A briefing on a topic; asks who it is for first',
    argsSchema: object({ topic: { type: 'string' } }, ['topic']),
  }, async ({ topic }, ctx) => {
    const round = askOnce(ctx, 'audience', elicitText('Who is the briefing for?', 'audience', 'Audience'));
    const said = (line) => ({ messages: [{ role: 'user', content: text(line) }] });
    if (round.reused !== undefined) return said(`Unknown or reused requestState: ${round.reused}`);
    if (round.ask) return round.ask;
    ran('briefing');
    const { answer } = round;
    if (answer.kind === 'elicit' && answer.action === 'accept') {
      return said(`Brief ${answer.content?.audience} on ${topic}.`);
    }
    return said(refusal(answer));
  });

  server.registerResource('motd', 'modern://motd', { mimeType: 'text/plain' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Modern message of the day' }] }));

  server.registerResource('memo', 'modern://memo', { mimeType: 'text/plain' }, async (uri, ctx) => {
    const round = askOnce(ctx, 'reader', elicitText('Who reads the memo?', 'name', 'Name'));
    const said = (line) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: line }] });
    if (round.reused !== undefined) return said(`Unknown or reused requestState: ${round.reused}`);
    if (round.ask) return round.ask;
    ran('memo');
    const { answer } = round;
    if (answer.kind === 'elicit' && answer.action === 'accept') return said(`Confidential memo for ${answer.content?.name}`);
    return said(refusal(answer));
  });

  return server;
}

const handler = createMcpHandler(buildServer, { legacy: 'reject', onerror: (e) => log(`error: ${e?.message ?? e}`) });

// node:http to the handler's web-standard face
async function handle(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  log(`${req.method} ${req.url} method=${req.headers['mcp-method'] ?? '-'} name=${req.headers['mcp-name'] ?? '-'} `
    + `version=${req.headers['mcp-protocol-version'] ?? '-'} session=${req.headers['mcp-session-id'] ?? '-'}`);
  const answered = answerTaskRequest(Buffer.concat(chunks), req.headers, { ran, log });
  if (answered) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answered));
    return;
  }
  const aborted = new AbortController();
  res.on('close', () => aborted.abort());
  const request = new Request(`http://${HOST}${req.url}`, {
    method: req.method,
    headers,
    body: ['GET', 'HEAD'].includes(req.method) ? undefined : Buffer.concat(chunks),
    signal: aborted.signal,
  });
  const response = await handler.fetch(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) {
    for await (const chunk of response.body) res.write(chunk);
  }
  res.end();
}

const httpServer = createServer((req, res) => {
  handle(req, res).catch((e) => {
    log(`error: ${e?.stack ?? e}`);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: 'Internal error' } }));
  });
});

serveOnLoopback(httpServer, {
  name: 'modern-upstream',
  port: opts.port,
  watchStdin: opts.watchStdin,
  beforeStop: () => handler.close(),
});
