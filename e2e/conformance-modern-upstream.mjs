#!/usr/bin/env node
// Countersign's fixture for the server scenarios that @modelcontextprotocol/conformance 0.2.0-alpha
// runs at the MCP 2026-07-28 wire (`conformance server --spec-version 2026-07-28`): a 2026-07-28-only
// server on the official v2 server SDK (createMcpHandler with legacy: 'reject'), 127.0.0.1 only.
//
//   node conformance-modern-upstream.mjs <port|0> [--ignore-stdin]
//
// Prints exactly one line on stdout once listening:   READY http://127.0.0.1:<port>/mcp
// Stops when stdin closes (unless --ignore-stdin) and on SIGTERM/SIGINT/SIGHUP.
//
// What it serves: the content tools, resources, prompts and completions of conformance-catalogue.mjs,
// test_tool_with_progress, and the input-required (multi round-trip, SEP-2322) tools and prompt the
// scenarios name: test_input_required_result_{elicitation, sampling, list_roots, request_state,
// multiple_inputs, multi_round, tampered_state, capabilities} and prompt
// test_input_required_result_prompt; and, with the tasks extension (io.modelcontextprotocol/tasks)
// declared in its capabilities, the tasks-* scenarios' tools of conformance-modern-tasks.mjs (greet,
// slow_compute, failing_job, protocol_error_job, confirm_delete, multi_input, test_tool_with_task).
// requestState values are HMAC-signed here, so a tampered one is refused with -32602. A resource URI
// nobody serves is -32602 with the URI in data (SEP-2164); test_missing_capability is -32021 (HTTP
// 400) for a client without sampling; a Host or Origin that is not loopback is 403. The v2 SDK turns
// what a tool throws into a tool error, so these JSON-RPC errors are answered before the SDK sees the
// request.

import { createServer } from 'node:http';
import { HOST, serveOnLoopback } from './serve-loopback.mjs';
import {
  createMcpHandler, fromJsonSchema, inputRequired, McpServer, ResourceTemplate,
} from '@modelcontextprotocol/server';
import {
  complete, CONTENT_TOOLS, contentToolResult, JSON_SCHEMA_TOOL, promptResult, PROMPTS, readResource, STATIC_RESOURCES, TEMPLATE, text,
} from './conformance-catalogue.mjs';
import { inputTools, signedPayload } from './conformance-modern-state.mjs';
import { answerTaskRequest, registerTaskTools } from './conformance-modern-tasks.mjs';

const argv = process.argv.slice(2);
const port = argv.find((a) => /^\d+$/.test(a));
if (port === undefined || argv.some((a) => a !== port && a !== '--ignore-stdin')) {
  process.stderr.write('usage: node conformance-modern-upstream.mjs <port|0> [--ignore-stdin]\n');
  process.exit(1);
}

const NO_ARGS = fromJsonSchema({ type: 'object', properties: {} });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const ask = (message, property) => inputRequired.elicit({
  message,
  requestedSchema: { type: 'object', properties: { [property]: { type: 'string' } }, required: [property] },
});

function buildServer() {
  const server = new McpServer(
    { name: 'countersign-conformance-modern-upstream', version: '1.0.0' },
    {
      capabilities: {
        tools: {}, prompts: {}, resources: {}, completions: {}, extensions: { 'io.modelcontextprotocol/tasks': {} },
      },
    },
  );
  for (const tool of CONTENT_TOOLS) {
    server.registerTool(tool.name, { description: tool.description, inputSchema: NO_ARGS },
      async () => contentToolResult(tool.name));
  }
  server.registerTool('test_tool_with_progress', { description: 'Reports progress 0, 50 and 100 of 100', inputSchema: NO_ARGS },
    async (_args, ctx) => {
      const progressToken = ctx.mcpReq._meta?.progressToken;
      for (const progress of [0, 50, 100]) {
        if (progressToken !== undefined) {
          await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress, total: 100 } });
        }
        if (progress < 100) await sleep(50);
      }
      return { content: [text('Progress reported: 0, 50, 100 of 100')] };
    });
  server.registerTool(JSON_SCHEMA_TOOL.name, { description: JSON_SCHEMA_TOOL.description, inputSchema: fromJsonSchema(JSON_SCHEMA_TOOL.inputSchema) },
    async (args) => ({ content: [text(`Received: ${JSON.stringify(args)}`)] }));
  server.registerTool('test_missing_capability', { description: 'Needs the sampling capability (-32021 without it)', inputSchema: NO_ARGS },
    async () => ({ content: [text('The client declared sampling')] }));
  // server-stateless' diagnostics: input is asked in the result, never by a request on the stream;
  // a log message is sent only to a request that set a log level (the SDK filters it)
  server.registerTool('test_streaming_elicitation', { description: 'Asks for input in its result', inputSchema: NO_ARGS },
    async (_args, ctx) => (Object.keys(ctx.mcpReq.inputResponses ?? {}).length > 0
      ? { content: [text('Input received')] }
      : inputRequired({ inputRequests: { user_name: ask('What is your name?', 'name') } })));
  server.registerTool('test_logging_tool', { description: 'Logs at info level while it runs', inputSchema: NO_ARGS },
    async (_args, ctx) => {
      await ctx.mcpReq.log('info', 'test_logging_tool ran');
      return { content: [text('Logged once, if the request asked for logs')] };
    });
  for (const [name, handler] of Object.entries(inputTools({ ask, text }))) {
    server.registerTool(name, { description: `Input-required scenario tool ${name}`, inputSchema: NO_ARGS }, handler);
  }
  registerTaskTools(server);

  for (const r of STATIC_RESOURCES) {
    server.registerResource(r.name, r.uri, { title: r.title, description: r.description, mimeType: r.mimeType },
      async (uri) => ({ contents: readResource(uri.href) }));
  }
  server.registerResource(TEMPLATE.name, new ResourceTemplate(TEMPLATE.uriTemplate, {
    list: undefined,
    complete: { id: (value) => complete({ type: 'ref/resource', uri: TEMPLATE.uriTemplate }, { name: 'id', value }).completion.values },
  }), { title: TEMPLATE.title, description: TEMPLATE.description, mimeType: TEMPLATE.mimeType },
  async (uri) => ({ contents: readResource(uri.href) }));

  for (const p of PROMPTS) {
    const properties = Object.fromEntries((p.arguments ?? []).map((a) => [a.name, { type: 'string', description: a.description }]));
    const required = (p.arguments ?? []).filter((a) => a.required).map((a) => a.name);
    server.registerPrompt(p.name, {
      description: p.description,
      ...(p.arguments ? { argsSchema: fromJsonSchema({ type: 'object', properties, required }) } : {}),
    }, async (args) => promptResult(p.name, args ?? {}));
  }
  server.registerPrompt('test_input_required_result_prompt', { description: 'A prompt that asks for its context first' },
    async (ctx) => {
      const answer = ctx.mcpReq.inputResponses?.user_context;
      if (answer?.action !== 'accept') {
        return inputRequired({ inputRequests: { user_context: ask('What context should the prompt use?', 'context') } });
      }
      return { messages: [{ role: 'user', content: text(`Use this context: ${answer.content?.context}`) }] };
    });
  return server;
}

const handler = createMcpHandler(buildServer, { legacy: 'reject' });

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const hostOf = (value) => {
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname;
  } catch {
    return undefined;
  }
};
const rpcError = (id, code, message, data) => ({ jsonrpc: '2.0', id, error: { code, message, data } });

// what is refused (or, for the task tools and tasks/*, answered) before the SDK sees the request,
// as [HTTP status, body]
function refusal(req, body) {
  const { host, origin } = req.headers;
  if ((host && !LOOPBACK.has(hostOf(host))) || (origin && !LOOPBACK.has(hostOf(origin)))) {
    return [403, rpcError(null, -32600, 'Host or Origin is not loopback')];
  }
  let message;
  try {
    message = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const params = message?.params ?? {};
  if (message?.method === 'resources/read' && typeof params.uri === 'string' && !readResource(params.uri)) {
    return [200, rpcError(message.id, -32602, 'Resource not found', { uri: params.uri })];
  }
  if (message?.method === 'tools/call' && params.requestState !== undefined && signedPayload(params.requestState) === undefined) {
    return [200, rpcError(message.id, -32602, 'requestState failed its integrity check')];
  }
  const declared = params._meta?.['io.modelcontextprotocol/clientCapabilities'] ?? {};
  if (message?.method === 'tools/call' && params.name === 'test_missing_capability' && !declared.sampling) {
    return [400, rpcError(message.id, -32021, 'This tool needs the sampling capability', { requiredCapabilities: { sampling: {} } })];
  }
  return answerTaskRequest(message, req.headers);
}

// node:http to the handler's web-standard face
async function handle(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const refused = refusal(req, body);
  if (refused) {
    res.writeHead(refused[0], { 'content-type': 'application/json' });
    res.end(JSON.stringify(refused[1]));
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const aborted = new AbortController();
  res.on('close', () => aborted.abort());
  const response = await handler.fetch(new Request(`http://${HOST}${req.url}`, {
    method: req.method, headers, body: ['GET', 'HEAD'].includes(req.method) ? undefined : body, signal: aborted.signal,
  }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) for await (const chunk of response.body) res.write(chunk);
  res.end();
}

const httpServer = createServer((req, res) => {
  handle(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: 'Internal error' } }));
  });
});

serveOnLoopback(httpServer, {
  name: 'conformance-modern-upstream',
  port: Number(port),
  watchStdin: !argv.includes('--ignore-stdin'),
  beforeStop: () => handler.close(),
});
