#!/usr/bin/env node
// An upstream MCP server of 2025-11-25 whose task tools end otherwise than completed, on the official
// TypeScript SDK (McpServer + StreamableHTTPServerTransport, one per session, its experimental task
// runtime with an InMemoryTaskStore). server-everything's one task tool always completes.
//
//   node task-upstream.mjs <port|0> [--ignore-stdin]
//
// Same contract as start-everything.mjs: listens on 127.0.0.1 only, prints exactly one line
//   READY http://127.0.0.1:<port>/mcp
// once listening, exits when its stdin closes (unless --ignore-stdin) and on SIGTERM/SIGINT/SIGHUP.
//
// Tools (readOnly, execution.taskSupport "required"):
//   failing_check {label}   a task: working, then after about half a second failed, its result
//                           "Check <label> failed" with isError: true (2025-11-25, "Task Status":
//                           failed "includes cases where the tool call result has isError set to true")
//   booking {label}         a task that needs input: it asks its session, as a request related to the
//                           task (elicitation/create, form mode, "Who is booking <label>?", a string
//                           "name"), which moves it to input_required and reaches the client on the
//                           stream of tasks/result; then it completes with "Booked <label> for <name>"
//                           on accept, "Booking <label> declined" / "... cancelled" otherwise

import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import * as z from 'zod/v4';
import { HOST, serveOnLoopback } from './serve-loopback.mjs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { InMemoryTaskStore, InMemoryTaskMessageQueue } from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js';
import { ElicitResultSchema } from '@modelcontextprotocol/sdk/types.js';

const argv = process.argv.slice(2);
const port = argv.find((a) => /^\d+$/.test(a));
if (port === undefined || argv.some((a) => a !== port && a !== '--ignore-stdin')) {
  process.stderr.write('usage: node task-upstream.mjs <port|0> [--ignore-stdin]\n');
  process.exit(1);
}

const taskStore = new InMemoryTaskStore();

function buildServer() {
  const server = new McpServer(
    { name: 'countersign-task-upstream', version: '1.0.0' },
    {
      capabilities: { tasks: { requests: { tools: { call: {} } }, cancel: {} } },
      taskStore,
      taskMessageQueue: new InMemoryTaskMessageQueue(),
    });
  server.experimental.tasks.registerToolTask(
    'failing_check',
    {
      description: 'A check that runs as a task and ends with a tool error',
      inputSchema: { label: z.string() },
      execution: { taskSupport: 'required' },
      annotations: { readOnlyHint: true },
    },
    {
      async createTask({ label }, { taskStore: store, taskRequestedTtl }) {
        const task = await store.createTask({ ttl: taskRequestedTtl, pollInterval: 200 });
        setTimeout(() => {
          store
            .storeTaskResult(task.taskId, 'failed', {
              content: [{ type: 'text', text: `Check ${label} failed` }],
              isError: true,
            })
            .catch(() => {});
        }, 500);
        return { task };
      },
      async getTask(_args, { taskId, taskStore: store }) {
        return await store.getTask(taskId);
      },
      async getTaskResult(_args, { taskId, taskStore: store }) {
        return await store.getTaskResult(taskId);
      },
    });
  server.experimental.tasks.registerToolTask(
    'booking',
    {
      description: 'A booking that runs as a task and asks who books it',
      inputSchema: { label: z.string() },
      execution: { taskSupport: 'required' },
      annotations: { readOnlyHint: true },
    },
    {
      async createTask({ label }, extra) {
        const store = extra.taskStore;
        const task = await store.createTask({ ttl: extra.taskRequestedTtl, pollInterval: 200 });
        setTimeout(() => book(label, task.taskId, extra).catch(() => {}), 100);
        return { task };
      },
      async getTask(_args, { taskId, taskStore: store }) {
        return await store.getTask(taskId);
      },
      async getTaskResult(_args, { taskId, taskStore: store }) {
        return await store.getTaskResult(taskId);
      },
    });
  return server;
}

// the booking's work: one elicitation related to its task (the SDK marks the task input_required
// and queues the request for tasks/result), then its result
async function book(label, taskId, extra) {
  const store = extra.taskStore;
  let text;
  try {
    const answer = await extra.sendRequest(
      {
        method: 'elicitation/create',
        params: {
          mode: 'form',
          message: `Who is booking ${label}?`,
          requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
      },
      ElicitResultSchema,
      { relatedTask: { taskId }, timeout: 120000 });
    await store.updateTaskStatus(taskId, 'working');
    text = answer.action === 'accept'
      ? `Booked ${label} for ${answer.content?.name}`
      : `Booking ${label} ${answer.action === 'decline' ? 'declined' : 'cancelled'}`;
  } catch (e) {
    await store
      .storeTaskResult(taskId, 'failed', { content: [{ type: 'text', text: `Booking ${label} failed: ${e.message}` }], isError: true })
      .catch(() => {});
    return;
  }
  await store.storeTaskResult(taskId, 'completed', { content: [{ type: 'text', text }] });
}

const sessions = new Map();

async function handle(req, res) {
  if (new URL(req.url, `http://${HOST}`).pathname !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  let body;
  if (req.method === 'POST') {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  }
  const sid = req.headers['mcp-session-id'];
  let transport = sid === undefined ? undefined : sessions.get(sid);
  if (sid !== undefined && !transport) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } }));
    return;
  }
  if (!transport) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => sessions.set(id, transport),
      onsessionclosed: (id) => sessions.delete(id),
    });
    await buildServer().connect(transport);
  }
  await transport.handleRequest(req, res, body);
}

const httpServer = createServer((req, res) => {
  handle(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500).end();
  });
});

serveOnLoopback(httpServer, {
  name: 'task-upstream',
  port,
  watchStdin: !argv.includes('--ignore-stdin'),
  beforeStop: async () => {
    for (const t of sessions.values()) await t.close().catch(() => {});
  },
});
