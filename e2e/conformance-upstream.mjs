#!/usr/bin/env node
// Countersign's own fixture MCP server for the MCP conformance suite's server scenarios
// (@modelcontextprotocol/conformance 0.1.x, `conformance server`). Streamable HTTP on the official
// TypeScript SDK (low-level Server + StreamableHTTPServerTransport), endpoint /mcp, 127.0.0.1 only.
//
//   node conformance-upstream.mjs <port|0> [--ignore-stdin] [--log FILE] [--retry-ms N]
//                                          [--trust-negotiated-version]
//
// Prints exactly one line on stdout once listening:   READY http://127.0.0.1:<port>/mcp
// Stops when stdin closes (unless --ignore-stdin) and on SIGTERM/SIGINT/SIGHUP.
//
// What it serves (names and payloads are the ones the scenarios ask for):
//   tools      test_simple_text, test_image_content, test_audio_content, test_embedded_resource,
//              test_multiple_content_types, test_tool_with_logging, test_error_handling,
//              test_tool_with_progress, test_sampling, test_elicitation,
//              test_elicitation_sep1034_defaults, test_elicitation_sep1330_enums,
//              json_schema_2020_12_tool, test_reconnection
//   resources  test://static-text, test://static-binary, test://watched-resource (subscribable),
//              template test://template/{id}/data
//   prompts    test_simple_prompt, test_prompt_with_arguments, test_prompt_with_embedded_resource,
//              test_prompt_with_image
//   also       completion/complete, logging/setLevel (filters this session's log notifications), ping
//
// Transport behaviour:
//   - one MCP session (Server + transport) per initialize; unknown session -> 404, none -> 400;
//   - every POST answer is an SSE stream; notifications and server-to-client requests made while a
//     tool runs (logging, progress, sampling/createMessage, elicitation/create) go on that tool
//     call's POST stream, never on the GET stream;
//   - resumability (SEP-1699): an in-memory event store per session, so POST streams of clients that
//     speak 2025-11-25 start with a priming event (id, `retry: <retry-ms>`, empty data) and a client
//     can resume a stream with GET + Last-Event-ID; test_reconnection closes its POST stream before it
//     answers, so the answer only arrives on the resumed stream;
//   - DNS-rebinding protection: a Host or Origin whose host is not localhost/127.0.0.1/[::1] -> 403.
//
// --trust-negotiated-version: the SDK decides per request, from the MCP-Protocol-Version header,
// whether a client can take priming events. conformance 0.1.16's server-sse-polling sends
// `MCP-Protocol-Version: 2025-03-26` on its raw requests although its session negotiated
// 2025-11-25 (fixed upstream after 0.1.16), so a conformant server sends no priming event and the
// scenario ends in WARNINGs. With this flag the fixture rewrites such an older header to the
// version the session negotiated before the SDK sees it. Off by default.

import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { HOST, serveOnLoopback } from './serve-loopback.mjs';
import {
  complete, CONTENT_TOOLS, contentToolResult, JSON_SCHEMA_TOOL, promptResult, PROMPTS, readResource, STATIC_RESOURCES, TEMPLATE, text,
} from './conformance-catalogue.mjs';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  CreateMessageResultSchema,
  ElicitResultSchema,
  ErrorCode,
  GetPromptRequestSchema,
  LATEST_PROTOCOL_VERSION,
  ListPromptsRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  LoggingLevelSchema,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';

// ---------------------------------------------------------------------------------------------
// command line

function usage(msg) {
  process.stderr.write(`${msg}\nusage: node conformance-upstream.mjs <port|0> [--ignore-stdin] [--log FILE]`
    + ' [--retry-ms N] [--trust-negotiated-version]\n');
  process.exit(1);
}

const opts = { port: process.env.PORT, watchStdin: true, logFile: undefined, retryMs: 500, trustNegotiated: false };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--ignore-stdin') opts.watchStdin = false;
    else if (a === '--log') opts.logFile = argv[++i];
    else if (a === '--retry-ms') opts.retryMs = Number(argv[++i]);
    else if (a === '--trust-negotiated-version') opts.trustNegotiated = true;
    else if (/^\d+$/.test(a)) opts.port = a;
    else usage(`unknown argument: ${a}`);
  }
  if (opts.port === undefined || !/^\d+$/.test(String(opts.port))) usage('a numeric <port> is required');
  if (!Number.isInteger(opts.retryMs) || opts.retryMs < 0) usage('--retry-ms expects a non-negative integer');
}

function log(line) {
  if (!opts.logFile) return;
  try { appendFileSync(opts.logFile, `${new Date().toISOString()} ${line}\n`); } catch { /* best effort */ }
}

const SERVER_INFO = { name: 'countersign-conformance-upstream', version: '1.0.0' };
const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// catalogue

const NO_ARGS = { type: 'object', properties: {} };

const TOOLS = [
  ...CONTENT_TOOLS,
  { name: 'test_tool_with_logging', description: 'Sends three info log notifications while it runs', inputSchema: NO_ARGS },
  { name: 'test_tool_with_progress', description: 'Reports progress 0, 50 and 100 of 100 when given a progress token', inputSchema: NO_ARGS },
  {
    name: 'test_sampling',
    description: 'Asks the client for an LLM completion (sampling/createMessage) of the prompt',
    inputSchema: { type: 'object', properties: { prompt: { type: 'string', description: 'Prompt to send to the LLM' } }, required: ['prompt'] },
  },
  {
    name: 'test_elicitation',
    description: 'Asks the user (elicitation/create, form mode) for a username and an email address',
    inputSchema: { type: 'object', properties: { message: { type: 'string', description: 'Message to show the user' } }, required: ['message'] },
  },
  { name: 'test_elicitation_sep1034_defaults', description: 'Elicitation whose schema carries defaults for every primitive type (SEP-1034)', inputSchema: NO_ARGS },
  { name: 'test_elicitation_sep1330_enums', description: 'Elicitation whose schema uses all five enum forms (SEP-1330)', inputSchema: NO_ARGS },
  JSON_SCHEMA_TOOL,
  {
    name: 'test_reconnection',
    description: 'Closes its own SSE stream before answering (SEP-1699 polling); the answer arrives on the resumed stream',
    inputSchema: NO_ARGS,
  },
];

// ---------------------------------------------------------------------------------------------
// one MCP session = one Server + one transport

// A JSON-RPC error with a clean message (the SDK's McpError prefixes "MCP error <code>: " to it).
const rpcError = (code, message, data) => Object.assign(new Error(message), { code, data });
const toolError = (message) => ({ isError: true, content: [text(message)] });

function buildServer(session) {
  const server = new Server(SERVER_INFO, {
    capabilities: {
      tools: { listChanged: false },
      resources: { subscribe: true, listChanged: false },
      prompts: { listChanged: false },
      logging: {},
      completions: {},
    },
    instructions: 'Fixture for the MCP conformance suite (server scenarios), run by Countersign CI.',
  });

  // logging/setLevel: remember the level; log notifications below it are dropped.
  const severity = (level) => LoggingLevelSchema.options.indexOf(level);
  server.setRequestHandler(SetLevelRequestSchema, async (req) => {
    session.logLevel = req.params.level;
    return {};
  });
  const logOnRequestStream = async (extra, level, data) => {
    if (session.logLevel && severity(level) < severity(session.logLevel)) return;
    await extra.sendNotification({ method: 'notifications/message', params: { level, logger: 'conformance-upstream', data } });
  };

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));

  server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    const args = req.params.arguments ?? {};
    const content = contentToolResult(req.params.name);
    if (content) return content;
    switch (req.params.name) {
      case 'test_tool_with_logging':
        await logOnRequestStream(extra, 'info', 'Tool execution started');
        await sleep(50);
        await logOnRequestStream(extra, 'info', 'Tool processing data');
        await sleep(50);
        await logOnRequestStream(extra, 'info', 'Tool execution completed');
        return { content: [text('Tool with logging executed: 3 log messages sent')] };
      case 'test_tool_with_progress': {
        const token = req.params._meta?.progressToken;
        for (const progress of [0, 50, 100]) {
          if (token !== undefined) {
            await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, total: 100 } });
          }
          if (progress < 100) await sleep(50);
        }
        return { content: [text(token !== undefined ? 'Progress reported: 0, 50, 100 of 100' : 'Done (no progress token given)')] };
      }
      case 'test_sampling': {
        if (typeof args.prompt !== 'string') return toolError('argument "prompt" (string) is required');
        if (!server.getClientCapabilities()?.sampling) return toolError('the client did not declare the sampling capability');
        const result = await extra.sendRequest({
          method: 'sampling/createMessage',
          params: { messages: [{ role: 'user', content: text(args.prompt) }], maxTokens: 100 },
        }, CreateMessageResultSchema);
        const answer = result.content?.type === 'text' ? result.content.text : JSON.stringify(result.content);
        return { content: [text(`LLM response: ${answer}`)] };
      }
      case 'test_elicitation': {
        if (typeof args.message !== 'string') return toolError('argument "message" (string) is required');
        return elicit(server, session, extra, 'User response', {
          message: args.message,
          requestedSchema: {
            type: 'object',
            properties: {
              username: { type: 'string', description: "User's response" },
              email: { type: 'string', description: "User's email address" },
            },
            required: ['username', 'email'],
          },
        });
      }
      case 'test_elicitation_sep1034_defaults':
        return elicit(server, session, extra, 'Elicitation completed', {
          message: 'Please review these values (each field has a default)',
          requestedSchema: {
            type: 'object',
            properties: {
              name: { type: 'string', title: 'Name', default: 'John Doe' },
              age: { type: 'integer', title: 'Age', default: 30 },
              score: { type: 'number', title: 'Score', default: 95.5 },
              status: { type: 'string', title: 'Status', enum: ['active', 'inactive', 'pending'], default: 'active' },
              verified: { type: 'boolean', title: 'Verified', default: true },
            },
          },
        });
      case 'test_elicitation_sep1330_enums':
        return elicit(server, session, extra, 'Elicitation completed', {
          message: 'Please pick from each list',
          requestedSchema: {
            type: 'object',
            properties: {
              untitledSingle: { type: 'string', title: 'Untitled single-select', enum: ['option1', 'option2', 'option3'] },
              titledSingle: {
                type: 'string', title: 'Titled single-select',
                oneOf: [
                  { const: 'value1', title: 'First Option' },
                  { const: 'value2', title: 'Second Option' },
                  { const: 'value3', title: 'Third Option' },
                ],
              },
              legacyEnum: {
                type: 'string', title: 'Legacy titled enum',
                enum: ['opt1', 'opt2', 'opt3'], enumNames: ['Option One', 'Option Two', 'Option Three'],
              },
              untitledMulti: {
                type: 'array', title: 'Untitled multi-select',
                items: { type: 'string', enum: ['option1', 'option2', 'option3'] },
              },
              titledMulti: {
                type: 'array', title: 'Titled multi-select',
                items: {
                  anyOf: [
                    { const: 'value1', title: 'First Choice' },
                    { const: 'value2', title: 'Second Choice' },
                    { const: 'value3', title: 'Third Choice' },
                  ],
                },
              },
            },
          },
        });
      case 'json_schema_2020_12_tool':
        return { content: [text(`Received: ${JSON.stringify(args)}`)] };
      case 'test_reconnection':
        // Close this call's SSE stream (possible only when the client can resume it: event store on,
        // client on 2025-11-25), then answer a little later; the answer is stored and replayed to
        // the client's GET with Last-Event-ID (or written live if the client already resumed).
        if (extra.closeSSEStream) {
          await sleep(50);
          extra.closeSSEStream();
          await sleep(200);
          return { content: [text('Reconnection test completed: answered after the stream was closed')] };
        }
        return { content: [text('Reconnection test completed (stream kept open: client cannot resume)')] };
      default:
        throw rpcError(ErrorCode.InvalidParams, `Unknown tool: ${req.params.name}`);
    }
  });

  server.setRequestHandler(ListResourcesRequestSchema, async () => ({
    resources: STATIC_RESOURCES.map(({ read, ...r }) => r),
  }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({ resourceTemplates: [TEMPLATE] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (req) => {
    const { uri } = req.params;
    const contents = readResource(uri);
    if (contents) return { contents };
    throw rpcError(-32002, 'Resource not found', { uri });
  });
  server.setRequestHandler(SubscribeRequestSchema, async (req) => {
    session.subscriptions.add(req.params.uri);
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, async (req) => {
    session.subscriptions.delete(req.params.uri);
    return {};
  });

  server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts: PROMPTS }));
  server.setRequestHandler(GetPromptRequestSchema, async (req) => {
    const args = req.params.arguments ?? {};
    const prompt = PROMPTS.find((p) => p.name === req.params.name);
    if (!prompt) throw rpcError(ErrorCode.InvalidParams, `Unknown prompt: ${req.params.name}`);
    for (const a of prompt.arguments ?? []) {
      if (a.required && typeof args[a.name] !== 'string') throw rpcError(ErrorCode.InvalidParams, `Missing required argument: ${a.name}`);
    }
    return promptResult(prompt.name, args);
  });

  server.setRequestHandler(CompleteRequestSchema, async (req) => {
    return complete(req.params.ref, req.params.argument);
  });

  return server;
}

async function elicit(server, session, extra, label, params) {
  if (!server.getClientCapabilities()?.elicitation) return toolError('the client did not declare the elicitation capability');
  // `mode` exists since 2025-11-25; older clients get the plain (form) request
  const withMode = session.negotiated >= '2025-11-25' ? { mode: 'form', ...params } : params;
  const result = await extra.sendRequest({ method: 'elicitation/create', params: withMode }, ElicitResultSchema);
  const content = result.content === undefined ? '' : `, content=${JSON.stringify(result.content)}`;
  return { content: [text(`${label}: action=${result.action}${content}`)] };
}

// ---------------------------------------------------------------------------------------------
// event store (resumability): per session, bounded, ids "<streamId>:<seq>"

class SessionEventStore {
  constructor(max = 2000) {
    this.max = max;
    this.seq = 0;
    this.events = new Map();     // eventId -> { streamId, message }
  }

  async storeEvent(streamId, message) {
    const eventId = `${streamId}:${++this.seq}`;
    this.events.set(eventId, { streamId, message });
    while (this.events.size > this.max) this.events.delete(this.events.keys().next().value);
    return eventId;
  }

  async getStreamIdForEventId(eventId) {
    return this.events.get(eventId)?.streamId;
  }

  async replayEventsAfter(lastEventId, { send }) {
    const start = this.events.get(lastEventId);
    if (!start) return '';
    let after = false;
    for (const [eventId, ev] of this.events) {
      if (eventId === lastEventId) { after = true; continue; }
      // skip other streams and priming events (stored as {})
      if (after && ev.streamId === start.streamId && ev.message && 'jsonrpc' in ev.message) await send(eventId, ev.message);
    }
    return start.streamId;
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

const sessions = new Map();   // sessionId -> { transport, server, negotiated, logLevel, subscriptions }

function hostnameOf(value) {
  try { return new URL(value.includes('://') ? value : `http://${value}`).hostname; } catch { return undefined; }
}

function sendJsonRpcError(res, status, code, message, extraHeaders = {}) {
  if (res.headersSent) { res.end(); return; }
  res.writeHead(status, { 'content-type': 'application/json', ...extraHeaders });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) { reject(Object.assign(new Error('body too large'), { status: 413 })); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const isInitialize = (body) => (Array.isArray(body) ? body : [body]).some((m) => m && m.method === 'initialize' && m.id !== undefined);

function rewriteProtocolHeader(req, version) {
  // @hono/node-server builds the web Request from rawHeaders
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() === 'mcp-protocol-version') req.rawHeaders[i + 1] = version;
  }
  req.headers['mcp-protocol-version'] = version;
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  log(`${req.method} ${url.pathname} session=${req.headers['mcp-session-id'] ?? '-'}`);
  if (url.pathname !== '/mcp') { sendJsonRpcError(res, 404, -32000, 'Not found: the MCP endpoint is /mcp'); return; }

  // DNS-rebinding protection: Host and (when present) Origin must name a loopback host.
  const host = hostnameOf(req.headers.host ?? '');
  if (!host || !LOCAL_HOSTNAMES.has(host)) { sendJsonRpcError(res, 403, -32000, `Forbidden: Host ${req.headers.host ?? '(none)'}`); return; }
  if (req.headers.origin !== undefined && !LOCAL_HOSTNAMES.has(hostnameOf(req.headers.origin) ?? '')) {
    sendJsonRpcError(res, 403, -32000, `Forbidden: Origin ${req.headers.origin}`);
    return;
  }

  if (!['GET', 'POST', 'DELETE'].includes(req.method)) {
    sendJsonRpcError(res, 405, -32000, 'Method not allowed', { allow: 'GET, POST, DELETE' });
    return;
  }

  let body;
  if (req.method === 'POST') {
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      sendJsonRpcError(res, e.status ?? 400, -32700, e.status ? 'Request body too large' : 'Parse error: invalid JSON');
      return;
    }
  }

  const sid = req.headers['mcp-session-id'];
  let session;
  if (sid !== undefined) {
    session = sessions.get(sid);
    if (!session) { sendJsonRpcError(res, 404, -32001, 'Session not found'); return; }
  } else if (req.method === 'POST' && isInitialize(body)) {
    const init = (Array.isArray(body) ? body : [body]).find((m) => m && m.method === 'initialize');
    const asked = init?.params?.protocolVersion;
    session = {
      negotiated: SUPPORTED_PROTOCOL_VERSIONS.includes(asked) ? asked : LATEST_PROTOCOL_VERSION,
      logLevel: undefined,
      subscriptions: new Set(),
    };
    session.transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: new SessionEventStore(),
      retryInterval: opts.retryMs,
      onsessioninitialized: (id) => { sessions.set(id, session); },
      onsessionclosed: (id) => { sessions.delete(id); },
    });
    session.transport.onclose = () => {
      if (session.transport.sessionId) sessions.delete(session.transport.sessionId);
    };
    session.server = buildServer(session);
    await session.server.connect(session.transport);
  } else {
    sendJsonRpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required (or send initialize)');
    return;
  }

  if (opts.trustNegotiated) {
    const sent = req.headers['mcp-protocol-version'];
    if (typeof sent === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(sent) && sent < session.negotiated) {
      rewriteProtocolHeader(req, session.negotiated);
    }
  }

  await session.transport.handleRequest(req, res, body);
}

const httpServer = createServer((req, res) => {
  handle(req, res).catch((e) => {
    log(`error: ${e?.stack ?? e}`);
    sendJsonRpcError(res, 500, -32603, 'Internal error');
  });
});
httpServer.keepAliveTimeout = 5000;

serveOnLoopback(httpServer, {
  name: 'conformance-upstream',
  port: opts.port,
  watchStdin: opts.watchStdin,
  beforeStop: async () => {
    for (const s of sessions.values()) await s.transport.close().catch(() => {});
  },
});
