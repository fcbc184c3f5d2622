// The tasks-extension tools of conformance-modern-upstream.mjs (io.modelcontextprotocol/tasks, SEP-2663),
// named as the alpha's tasks-* scenarios want them. The v2 server SDK has no task runtime, so, as in
// modern-upstream-tasks.mjs, their tools/call and tasks/get, tasks/update, tasks/cancel are answered
// here by the extension's text, before the SDK sees the request; the SDK lists the tools and serves
// the plain calls (greet always, slow_compute without the extension).
//
//   greet {name}            never a task: "Hello, <name>!"
//   slow_compute {seconds, label}
//                           a task when the client declares the extension (working, then completed
//                           after <seconds> s; cancelled by tasks/cancel), else a plain result
//   failing_job             a task only: completed with a tool error (isError) after about 1 s
//   protocol_error_job      a task only: failed with a JSON-RPC error (-32603) after about 0.5 s
//   confirm_delete {filename}
//                           a task only: input_required (one elicitation), completed once answered
//   multi_input             a task only: input_required with two elicitations at once, answerable one
//                           at a time; completed once both are answered
//   test_tool_with_task     asks for user_name by an input-required result (MRTR, signed
//                           requestState), then, on the retry, becomes a task that completes with
//                           "Hello, <name>!"
// A task-only tool called without the extension is -32021 naming it (HTTP 400); tasks/* without it
// are -32021 too; Mcp-Name must be the taskId (-32020); an unknown taskId is -32602.

import { randomUUID } from 'node:crypto';
import { fromJsonSchema } from '@modelcontextprotocol/server';
import { sign, signedPayload } from './conformance-modern-state.mjs';

const EXTENSION = 'io.modelcontextprotocol/tasks';
const TTL_MS = 60000;
const POLL_MS = 200;
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const TASK_METHODS = new Set(['tasks/get', 'tasks/update', 'tasks/cancel']);

const text = (t) => ({ type: 'text', text: t });
const now = () => new Date().toISOString();
const rpcError = (id, code, message, data) => ({ jsonrpc: '2.0', id, error: { code, message, ...(data ? { data } : {}) } });
const rpcResult = (id, fields) => ({ jsonrpc: '2.0', id, result: fields });
const elicit = (message, property, type = 'string') => ({
  method: 'elicitation/create',
  params: { mode: 'form', message, requestedSchema: { type: 'object', properties: { [property]: { type } }, required: [property] } },
});

const tasks = new Map();
let keys = 0;
const nextKey = (name) => `${name}-${++keys}`;   // "unique over the lifetime of a single task"

function view(task) {
  const fields = {
    taskId: task.taskId, status: task.status, createdAt: task.createdAt, lastUpdatedAt: task.lastUpdatedAt,
    ttlMs: TTL_MS, pollIntervalMs: POLL_MS,
  };
  if (task.statusMessage) fields.statusMessage = task.statusMessage;
  if (task.status === 'input_required') fields.inputRequests = Object.fromEntries([...task.pending].map(([k, p]) => [k, p.request]));
  if (task.status === 'completed') fields.result = { resultType: 'complete', ...task.result };
  if (task.status === 'failed') fields.error = task.error;
  return fields;
}

// terminal states do not change; a timer of a task that ended does nothing
function move(task, status, fields = {}) {
  if (TERMINAL.has(task.status)) return;
  Object.assign(task, { status, lastUpdatedAt: now(), statusMessage: undefined }, fields);
  if (TERMINAL.has(status)) clearTimeout(task.timer);
}
const later = (task, ms, step) => { task.timer = setTimeout(step, ms); };

// asks each of `questions` ({key prefix: [message, property, type]}) at once; `done` gets the answers
function ask(task, questions, done) {
  const answers = {};
  task.pending = new Map(Object.entries(questions).map(([name, [message, property, type]]) => [nextKey(name), {
    request: elicit(message, property, type),
    answer: (response) => { answers[name] = response; },
  }]));
  task.whenAnswered = () => done(answers);
  move(task, 'input_required', { statusMessage: 'Waiting for the client to answer' });
}
const accepted = (response, property) => (response?.action === 'accept' ? response.content?.[property] : undefined);

const TASK_TOOLS = {
  slow_compute: { required: false, start: (task, { seconds = 1, label = '' }) => later(task, Number(seconds) * 1000,
    () => move(task, 'completed', { result: { content: [text(`Computed ${label} after ${seconds} s`)] } })) },
  failing_job: { required: true, start: (task) => later(task, 1000,
    () => move(task, 'completed', { result: { content: [text('The job failed: no data to process')], isError: true } })) },
  protocol_error_job: { required: true, start: (task) => later(task, 500, () => move(task, 'failed', {
    statusMessage: 'The job crashed', error: { code: -32603, message: 'Internal error: the job crashed' } })) },
  confirm_delete: { required: true, start: (task, { filename = 'the file' }) => later(task, 100,
    () => ask(task, { confirm: [`Delete ${filename}?`, 'confirm', 'boolean'] }, ({ confirm }) => move(task, 'completed', {
      result: { content: [text(accepted(confirm, 'confirm') === true ? `Deleted ${filename}` : `Kept ${filename}`)] },
    }))) },
  multi_input: { required: true, start: (task) => later(task, 100,
    () => ask(task, { first: ['First input?', 'name'], second: ['Second input?', 'name'] }, ({ first, second }) => move(task, 'completed', {
      result: { content: [text(`Inputs received: ${accepted(first, 'name')}, ${accepted(second, 'name')}`)] },
    }))) },
  // reached only on the MRTR retry that brings user_name (see composed)
  test_tool_with_task: { required: true, start: (task, { name }) => later(task, 200,
    () => move(task, 'completed', { result: { content: [text(`Hello, ${name}! (answered in a task)`)] } })) },
};

function declared(params) {
  return params?._meta?.['io.modelcontextprotocol/clientCapabilities']?.extensions?.[EXTENSION] !== undefined;
}
const missingExtension = (id) => [400, rpcError(id, -32021, 'Missing required client capability', {
  requiredCapabilities: { extensions: { [EXTENSION]: {} } },
})];

function createTask(id, tool, args) {
  const task = { taskId: randomUUID(), status: 'working', createdAt: now(), lastUpdatedAt: now(), pending: new Map() };
  tasks.set(task.taskId, task);
  setTimeout(() => tasks.delete(task.taskId), TTL_MS * 2).unref();
  TASK_TOOLS[tool].start(task, args ?? {});
  return [200, rpcResult(id, { resultType: 'task', ...view(task) })];
}

// test_tool_with_task: "Round 1: returns InputRequiredResult asking for user_name. Round 2: with the
// elicit response echoed back, escalates to async and returns CreateTaskResult."
function composed(id, params) {
  const name = signedPayload(params.requestState) === 'user_name' ? accepted(params.inputResponses?.user_name, 'name') : undefined;
  if (typeof name === 'string') return createTask(id, 'test_tool_with_task', { name });
  return [200, rpcResult(id, {
    resultType: 'input_required',
    inputRequests: { user_name: elicit('What is your name?', 'name') },
    requestState: sign('user_name'),
  })];
}

function taskRequest({ id, method, params }, headers) {
  if (!declared(params)) return missingExtension(id);
  if (typeof params?.taskId !== 'string') return [200, rpcError(id, -32602, "'taskId' must be a string")];
  if (headers['mcp-name'] !== params.taskId) {
    return [400, rpcError(id, -32020, `Mcp-Name header '${headers['mcp-name'] ?? ''}' does not match params.taskId`)];
  }
  const task = tasks.get(params.taskId);
  if (!task) return [200, rpcError(id, -32602, 'Task not found')];
  if (method === 'tasks/get') return [200, rpcResult(id, { resultType: 'complete', ...view(task) })];
  if (method === 'tasks/update') {
    // "Ignore responses for unknown or already-satisfied keys"
    for (const [key, response] of Object.entries(params.inputResponses ?? {})) {
      const pending = task.status === 'input_required' ? task.pending.get(key) : undefined;
      if (!pending) continue;
      pending.answer(response);
      task.pending.delete(key);
      if (task.pending.size === 0) {
        move(task, 'working');
        later(task, 100, task.whenAnswered);
      }
    }
    return [200, rpcResult(id, { resultType: 'complete' })];
  }
  move(task, 'cancelled', { statusMessage: 'Cancelled by the client' });
  return [200, rpcResult(id, { resultType: 'complete' })];
}

/**
 * The answer, as [HTTP status, JSON-RPC response], to a message about the task tools or their tasks;
 * undefined for anything else (which the SDK serves).
 */
export function answerTaskRequest(message, headers) {
  if (!message || typeof message !== 'object' || message.id === undefined) return undefined;
  const params = message.params ?? {};
  if (TASK_METHODS.has(message.method)) return taskRequest(message, headers);
  const tool = message.method === 'tools/call' ? TASK_TOOLS[params.name] : undefined;
  if (!tool) return undefined;
  if (!declared(params)) return tool.required ? missingExtension(message.id) : undefined;
  if (params.name === 'test_tool_with_task') return composed(message.id, params);
  return createTask(message.id, params.name, params.arguments);
}

/** Lists the task tools (and greet) on an McpServer; the SDK runs greet and plain slow_compute. */
export function registerTaskTools(server) {
  const schema = (properties = {}, required = []) => fromJsonSchema({ type: 'object', properties, required });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  server.registerTool('greet', { description: 'Greets by name, never as a task', inputSchema: schema({ name: { type: 'string' } }, ['name']) },
    async ({ name }) => ({ content: [text(`Hello, ${name}!`)] }));
  server.registerTool('slow_compute', {
    description: 'Computes for some seconds (a task when the client declares the tasks extension)',
    inputSchema: schema({ seconds: { type: 'number' }, label: { type: 'string' } }),
  }, async ({ seconds = 1, label = '' }) => {
    const waited = Math.min(Number(seconds) || 0, 5);   // a plain call is kept short
    await sleep(waited * 1000);
    return { content: [text(`Computed ${label} after ${waited} s`)] };
  });
  const taskOnly = {
    failing_job: ['Fails with a tool error, as a task', schema()],
    protocol_error_job: ['Fails with a protocol error, as a task', schema()],
    confirm_delete: ['Asks to confirm a deletion, as a task', schema({ filename: { type: 'string' } })],
    multi_input: ['Asks two questions at once, as a task', schema()],
    test_tool_with_task: ['Asks for a name, then answers as a task', schema()],
  };
  for (const [name, [description, inputSchema]] of Object.entries(taskOnly)) {
    // answered by answerTaskRequest; the SDK never runs these
    server.registerTool(name, { description, inputSchema }, async () => ({ content: [text(`${name} runs only as a task`)], isError: true }));
  }
}
