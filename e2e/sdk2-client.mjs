#!/usr/bin/env node
// A small CLI over the official MCP TypeScript SDK v2 client (@modelcontextprotocol/client), pinned
// to protocol revision 2026-07-28: no initialize, no session; server/discover first, then every
// request stands alone with its _meta and Mcp-* headers.
//
//   node sdk2-client.mjs --url URL [--bearer KEY] [--timeout-ms N] [--elicitation ANSWER] <command>
//     list-tools                        server/discover, tools/list (all pages)
//     call-tool --name N [--args JSON]  server/discover, tools/call
//   --elicitation accept:JSON|decline|cancel  declare the elicitation capability and answer every
//                                             elicitation/create an input-required result carries
//                                             so (the SDK retries with inputResponses on its own);
//                                             the requests' messages are reported in "elicitations"
//
// Prints ONE JSON document on stdout:
//   {"ok":true,"protocolVersion":"2026-07-28","era":"modern","server":{..},"tools":[..],"result":{..}}
//   {"ok":false,"stage":"connect|list-tools|call-tool","error":{"code":..,"message":..}}
// Exit code: 0 when the exchange worked (a tool result with isError:true is still ok:true), 2 when
// it failed, 1 for a usage error.

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

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
    else if (a === '--args') o.args = JSON.parse(next());
    else if (a === '--timeout-ms') o.timeoutMs = Number(next());
    else if (a === '--elicitation') {
      const v = next();
      if (v === 'decline' || v === 'cancel') o.elicitation = { action: v };
      else if (v.startsWith('accept:')) o.elicitation = { action: 'accept', content: JSON.parse(v.slice(7)) };
      else throw new Error('--elicitation expects accept:JSON, decline or cancel');
    }
    else if (!a.startsWith('--') && !o.command) o.command = a;
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!o.url) throw new Error('--url is required');
  if (!['list-tools', 'call-tool'].includes(o.command)) {
    throw new Error('command must be list-tools or call-tool');
  }
  if (o.command === 'call-tool' && !o.name) throw new Error('call-tool needs --name');
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

const transport = new StreamableHTTPClientTransport(new URL(opts.url), {
  requestInit: { headers: opts.headers },
});
const client = new Client(
  { name: 'countersign-e2e-sdk2-client', version: '1.0.0' },
  {
    capabilities: opts.elicitation ? { elicitation: { form: {} } } : {},
    versionNegotiation: { mode: { pin: '2026-07-28' } },
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
  } else {
    stage = 'call-tool';
    out.result = await client.callTool({ name: opts.name, arguments: opts.args }, reqOpts);
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
