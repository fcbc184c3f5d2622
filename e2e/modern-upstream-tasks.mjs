// The tasks of modern-upstream.mjs (the io.modelcontextprotocol/tasks extension of MCP 2026-07-28),
// answered by hand: the v2 server SDK has no runtime for them. answerTaskRequest(body, headers) returns
// the JSON-RPC response for a task tool's tools/call or a tasks/* request, or undefined for anything
// else (which the SDK's handler serves).

import { randomUUID } from 'node:crypto';

const EXTENSION = 'io.modelcontextprotocol/tasks';
const VERSION = '2026-07-28';
const TTL_MS = 60000;
const POLL_MS = 200;

// tools whose tools/call may become a task; required: no plain answer without the extension
const TASK_TOOLS = {
  slow_report: { required: false, start: slowReport },
  approve_plan: { required: true, start: approvePlan },
  long_job: { required: true, start: () => {} },
};
const TASK_METHODS = new Set(['tasks/get', 'tasks/update', 'tasks/cancel']);
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

const tasks = new Map();
let inputKeys = 0;

const text = (t) => ({ type: 'text', text: t });
const now = () => new Date().toISOString();
const error = (id, code, message, data) => ({ jsonrpc: '2.0', id, error: { code, message, ...(data ? { data } : {}) } });
const result = (id, fields) => ({ jsonrpc: '2.0', id, result: fields });

function declared(params) {
  const meta = params?._meta ?? {};
  return meta['io.modelcontextprotocol/clientCapabilities']?.extensions?.[EXTENSION] !== undefined;
}

function missingExtension(id) {
  return error(id, -32021, 'Missing required client capability', {
    requiredCapabilities: { extensions: { [EXTENSION]: {} } },
  });
}

function view(task) {
  const fields = {
    taskId: task.taskId, status: task.status, createdAt: task.createdAt, lastUpdatedAt: task.lastUpdatedAt,
    ttlMs: TTL_MS, pollIntervalMs: POLL_MS,
  };
  if (task.statusMessage) fields.statusMessage = task.statusMessage;
  if (task.status === 'completed') fields.result = { resultType: 'complete', ...task.result };
  if (task.status === 'input_required') fields.inputRequests = task.inputRequests;
  return fields;
}

function move(task, status, fields = {}) {
  if (TERMINAL.has(task.status)) return;        // terminal states do not change
  Object.assign(task, { status, lastUpdatedAt: now(), statusMessage: undefined }, fields);
}

function slowReport(task, { topic }) {
  setTimeout(() => move(task, 'completed', { result: { content: [text(`Report: ${topic}`)] } }), 1000);
}

function approvePlan(task, { plan }) {
  setTimeout(() => {
    const key = `approval-${++inputKeys}`;
    move(task, 'input_required', {
      statusMessage: `Waiting for an approver of ${plan}`,
      inputRequests: {
        [key]: {
          method: 'elicitation/create',
          params: {
            mode: 'form',
            message: `Who approves the plan ${plan}?`,
            requestedSchema: { type: 'object', properties: { approver: { type: 'string', title: 'Approver' } }, required: ['approver'] },
          },
        },
      },
      answer: (response) => {
        const approved = response?.action === 'accept' && typeof response.content?.approver === 'string';
        move(task, 'completed', {
          inputRequests: undefined,
          result: { content: [text(approved ? `Plan ${plan} approved by ${response.content.approver}` : `Plan ${plan} declined`)] },
        });
      },
    });
  }, 300);
}

function createTask(id, tool, args) {
  const task = { taskId: randomUUID(), status: 'working', createdAt: now(), lastUpdatedAt: now() };
  tasks.set(task.taskId, task);
  TASK_TOOLS[tool].start(task, args ?? {});
  return result(id, { resultType: 'task', ...view(task) });
}

function taskRequest(message, headers, { ran, log }) {
  const { id, method, params } = message;
  if (!declared(params)) return missingExtension(id);
  if (typeof params?.taskId !== 'string') return error(id, -32602, "'taskId' must be a string");
  if (headers['mcp-name'] !== params.taskId) {
    return error(id, -32020, `Mcp-Name header '${headers['mcp-name'] ?? ''}' does not match params.taskId`);
  }
  const task = tasks.get(params.taskId);
  if (!task) return error(id, -32602, 'Failed to retrieve task: Task not found');
  log(`${method} ${task.taskId} ${task.status}`);
  if (method === 'tasks/get') return result(id, { resultType: 'complete', ...view(task) });
  if (method === 'tasks/update') {
    // "ignore any inputResponses responses mapped to a key that is not currently outstanding"
    for (const [key, response] of Object.entries(params.inputResponses ?? {})) {
      if (task.status === 'input_required' && task.inputRequests?.[key]) task.answer(response);
    }
    return result(id, { resultType: 'complete' });
  }
  if (!TERMINAL.has(task.status)) {
    ran('tasks/cancel');
    move(task, 'cancelled', { statusMessage: 'Cancelled by the client' });
  }
  return result(id, { resultType: 'complete' });
}

export function answerTaskRequest(body, headers, hooks) {
  let message;
  try {
    message = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!message || typeof message !== 'object' || message.id === undefined) return undefined;
  const params = message.params ?? {};
  if (params._meta?.['io.modelcontextprotocol/protocolVersion'] !== VERSION) return undefined;
  if (TASK_METHODS.has(message.method)) return taskRequest(message, headers, hooks);
  const tool = message.method === 'tools/call' ? TASK_TOOLS[params.name] : undefined;
  if (!tool) return undefined;
  if (declared(params)) {
    hooks.ran(params.name);
    return createTask(message.id, params.name, params.arguments);
  }
  // the server may answer plainly (the SDK's handler does) unless the tool runs only as a task
  return tool.required ? missingExtension(message.id) : undefined;
}
