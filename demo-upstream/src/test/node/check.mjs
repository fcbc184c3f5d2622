// Checks the demo upstream with the official MCP TypeScript SDK client (not run by the build).
//
//   mkdir -p /tmp/demo-check && cd /tmp/demo-check && npm init -y \
//     && npm install @modelcontextprotocol/sdk@1.32.2
//   cp <repo>/demo-upstream/src/test/node/check.mjs . && node check.mjs [url]
//
// url defaults to the standalone server (mvn -pl demo-upstream -Pstandalone liberty:run):
// http://127.0.0.1:9180/demo-upstream/mcp. Set DEMO_UPSTREAM_TOKEN when the server requires one.
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";

const url = new URL(process.argv[2] ?? "http://127.0.0.1:9180/demo-upstream/mcp");
const token = process.env.DEMO_UPSTREAM_TOKEN;
const transport = new StreamableHTTPClientTransport(url, {
  requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : undefined,
});
const client = new Client({ name: "countersign-demo-check", version: "1.0.0" });

const log = (label, value) => console.log(`${label}:`, typeof value === "string" ? value : JSON.stringify(value));

await client.connect(transport);
log("connected, protocol", transport.protocolVersion);
log("session", transport.sessionId);
log("server", client.getServerVersion());

await client.ping();
log("ping", "ok");

// tools/list: six tools, each with an input and output schema and all four hints.
const { tools } = await client.listTools();
for (const tool of tools) {
  const a = tool.annotations;
  log(`tool ${tool.name}`, `${tool.title} | readOnly=${a.readOnlyHint} destructive=${a.destructiveHint} idempotent=${a.idempotentHint} openWorld=${a.openWorldHint}`);
  assert.equal(tool.inputSchema.additionalProperties, false, tool.name);
  assert.ok(tool.outputSchema, tool.name);
}
assert.deepEqual(
  tools.map((t) => t.name),
  ["list_orders", "delete_orders", "send_email", "charge_card", "update_config", "read_file"],
);

// list_orders, then delete every order of one status and check the rows are gone.
const all = await client.callTool({ name: "list_orders", arguments: { limit: 200 } });
assert.equal(all.isError, false);
log("list_orders(limit 200) count", all.structuredContent.count);
const byStatus = {};
for (const o of all.structuredContent.orders) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
log("orders by status", byStatus);
const status = Object.keys(byStatus).sort()[0];
assert.ok(status, "there are orders left to delete");

const deleted = await client.callTool({ name: "delete_orders", arguments: { status } });
log(`delete_orders(status=${status})`, deleted.content[0].text);
assert.equal(deleted.structuredContent.deleted, byStatus[status]);

const after = await client.callTool({ name: "list_orders", arguments: { status, limit: 200 } });
log(`list_orders(status=${status}) count after delete`, after.structuredContent.count);
assert.equal(after.structuredContent.count, 0);

const noFilter = await client.callTool({ name: "delete_orders", arguments: {} });
log("delete_orders({}) isError", `${noFilter.isError} ${noFilter.content[0].text}`);
assert.equal(noFilter.isError, true);

// read_file inside the sandbox, and attempts to leave it.
const readme = await client.callTool({ name: "read_file", arguments: { path: "README.txt" } });
log("read_file(README.txt)", readme.content[0].text.trim());
assert.equal(readme.isError, false);
for (const path of ["../server.xml", "/etc/passwd"]) {
  const escape = await client.callTool({ name: "read_file", arguments: { path } });
  log(`read_file(${path}) isError`, `${escape.isError} ${escape.content[0].text}`);
  assert.equal(escape.isError, true);
}

// The other tools, and a bad argument reported as a tool error.
const email = await client.callTool({
  name: "send_email",
  arguments: { to: ["ana@example.com", "bo@example.org"], subject: "Demo", body: "Hello" },
});
log("send_email", email.content[0].text);
assert.equal(email.structuredContent.recipients, 2);

const charge = await client.callTool({ name: "charge_card", arguments: { card_token: "tok_visa_4242", amount: 12.5, currency: "EUR" } });
log("charge_card", charge.content[0].text);
const badCharge = await client.callTool({ name: "charge_card", arguments: { card_token: "tok_visa_4242", amount: 0, currency: "EUR" } });
log("charge_card(amount 0) isError", `${badCharge.isError} ${badCharge.content[0].text}`);
assert.equal(badCharge.isError, true);

const config = await client.callTool({ name: "update_config", arguments: { environment: "staging", key: "log.level", value: "DEBUG" } });
log("update_config", config.content[0].text);

// An unknown tool is a protocol error (-32602), not a tool error.
try {
  await client.callTool({ name: "no_such_tool", arguments: {} });
  assert.fail("unknown tool accepted");
} catch (e) {
  assert.ok(e instanceof McpError, String(e));
  log("unknown tool error code", e.code);
  assert.equal(e.code, -32602);
}

await transport.terminateSession();
log("session terminated (DELETE)", "ok");
await client.close();
console.log("ALL CHECKS PASSED");
