// The input-required (SEP-2322) tools of conformance-modern-upstream.mjs: each asks by an
// input-required result and completes once the client retries with what it asked; requestState
// values are signed (sign/verified), so a retry can only bring back a state this server made.

import { createHmac, randomBytes } from 'node:crypto';
import { inputRequired } from '@modelcontextprotocol/server';

const key = randomBytes(32);
export const sign = (payload) => `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
// the payload of a state this process signed, undefined for any other
export function signedPayload(state) {
  const dot = typeof state === 'string' ? state.lastIndexOf('.') : -1;
  return dot >= 0 && sign(state.slice(0, dot)) === state ? state.slice(0, dot) : undefined;
}

const accepted = (responses, key) => (responses?.[key]?.action === 'accept' ? responses[key].content ?? {} : undefined);
const sample = (text) => inputRequired.createMessage({ messages: [{ role: 'user', content: { type: 'text', text } }], maxTokens: 50 });
const roots = () => inputRequired.listRoots();

export function inputTools({ ask, text }) {
  const echoed = (ctx) => signedPayload(ctx.mcpReq.requestState());
  return {
    test_input_required_result_elicitation: async (_args, ctx) => {
      const name = accepted(ctx.mcpReq.inputResponses, 'user_name')?.name;
      if (typeof name !== 'string') return inputRequired({ inputRequests: { user_name: ask('What is your name?', 'name') } });
      return { content: [text(`Hello, ${name}!`)] };
    },
    test_input_required_result_sampling: async (_args, ctx) => {
      const answer = ctx.mcpReq.inputResponses?.capital_question;
      if (!answer?.content) return inputRequired({ inputRequests: { capital_question: sample('What is the capital of France?') } });
      return { content: [text(`Sampling said: ${answer.content.text ?? JSON.stringify(answer.content)}`)] };
    },
    test_input_required_result_list_roots: async (_args, ctx) => {
      const answer = ctx.mcpReq.inputResponses?.client_roots;
      if (!Array.isArray(answer?.roots)) return inputRequired({ inputRequests: { client_roots: roots() } });
      return { content: [text(`Roots: ${answer.roots.map((r) => r.uri).join(', ')}`)] };
    },
    test_input_required_result_request_state: async (_args, ctx) => {
      const state = echoed(ctx);
      if (state !== 'confirm' || !accepted(ctx.mcpReq.inputResponses, 'confirm')) {
        return inputRequired({
          inputRequests: {
            confirm: inputRequired.elicit({
              message: 'Please confirm',
              requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
            }),
          },
          requestState: sign('confirm'),
        });
      }
      return { content: [text('state-ok: the requestState came back unchanged')] };
    },
    test_input_required_result_multiple_inputs: async (_args, ctx) => {
      const responses = ctx.mcpReq.inputResponses ?? {};
      if (echoed(ctx) !== 'multiple' || !['user_name', 'greeting', 'client_roots'].every((k) => responses[k])) {
        return inputRequired({
          inputRequests: { user_name: ask('What is your name?', 'name'), greeting: sample('Generate a greeting'), client_roots: roots() },
          requestState: sign('multiple'),
        });
      }
      return { content: [text('All inputs received')] };
    },
    test_input_required_result_multi_round: async (_args, ctx) => {
      const state = echoed(ctx);
      const responses = ctx.mcpReq.inputResponses;
      if (state === 'round-2' && accepted(responses, 'step2')) {
        return { content: [text(`Multi-round input complete: favourite colour ${accepted(responses, 'step2').color}`)] };
      }
      if (state === 'round-1' && accepted(responses, 'step1')) {
        return inputRequired({ inputRequests: { step2: ask('Step 2: What is your favorite color?', 'color') }, requestState: sign('round-2') });
      }
      return inputRequired({ inputRequests: { step1: ask('Step 1: What is your name?', 'name') }, requestState: sign('round-1') });
    },
    test_input_required_result_tampered_state: async (_args, ctx) => {
      if (echoed(ctx) === 'tamper-proof') return { content: [text('requestState verified')] };
      return inputRequired({ inputRequests: { confirm: ask('Please confirm', 'answer') }, requestState: sign('tamper-proof') });
    },
    test_input_required_result_capabilities: async (_args, ctx) => {
      const declared = ctx.mcpReq.envelope?.['io.modelcontextprotocol/clientCapabilities'] ?? {};
      if (Object.keys(ctx.mcpReq.inputResponses ?? {}).length > 0) return { content: [text('Inputs received')] };
      const inputRequests = {
        ...(declared.elicitation ? { user_name: ask('What is your name?', 'name') } : {}),
        ...(declared.sampling ? { greeting: sample('Generate a greeting') } : {}),
        ...(declared.roots ? { client_roots: roots() } : {}),
      };
      if (Object.keys(inputRequests).length === 0) return { content: [text('The client declared nothing to ask with')] };
      return inputRequired({ inputRequests });
    },
  };
}
