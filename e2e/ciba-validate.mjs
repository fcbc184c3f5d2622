#!/usr/bin/env node
// Validates ciba-openid-client.mjs and ciba-oauth4webapi.mjs against oidc-provider 9.x (reference CIBA
// provider, poll mode) mounted at http://127.0.0.1:<port>/t/acme, the shape of a Countersign tenant issuer.
//
//   node ciba-validate.mjs [--only openid-client|oauth4webapi] [--verbose]
//
// Per script and case, it spawns the script with CIBA_CLIENT_INPUT, reads its JSON lines, acts on the
// request as the "authentication device" (approve with a Grant / deny with AccessDenied / let it expire)
// and checks the final line and exit code. Prints one JSON line per run and a summary; exit 0 iff all pass.
//
// Test-only tweaks to the provider (middleware): the acknowledgement gets "interval": 1 (oidc-provider
// sends none, clients would default to 5 s), and for login hints containing "slow" the 2nd poll answers
// slow_down instead of authorization_pending. Access tokens are JWTs (resource indicator with
// accessTokenFormat "jwt"); authorization_details goes through oidc-provider's RAR feature: the approval
// grants the details as requested, they come back in the access token and the token response.

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import Provider, { errors } from 'oidc-provider';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const verbose = argv.includes('--verbose');
const RS = 'urn:countersign:validation';
const TENANT = '/t/acme';

// ---------------------------------------------------------------- provider
const requests = new Map();        // auth_req_id -> BackchannelAuthenticationRequest (triggered)
const waiters = new Map();         // auth_req_id -> resolve
const slowDown = new Map();        // auth_req_id -> poll count (login hints containing "slow")
const seen = [];                   // what the endpoints received: {route, client, basic, bodyKeys}

let provider;
const server = createServer((req, res) => {
  if (!req.url.startsWith(`${TENANT}/`)) { res.writeHead(404).end(); return; }
  req.originalUrl = req.url;
  req.url = req.url.slice(TENANT.length);
  provider.callback()(req, res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const issuer = `http://127.0.0.1:${server.address().port}${TENANT}`;

const closedPort = await new Promise((r) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => r(port)); });
});

const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const client = (id, method) => ({
  client_id: id,
  client_secret: `${id}-secret-with:special&chars`,
  token_endpoint_auth_method: method,
  grant_types: ['urn:openid:params:grant-type:ciba'],
  response_types: [],
  redirect_uris: [],
  backchannel_token_delivery_mode: 'poll',
  authorization_details_types: ['countersign_tool_call'],
});

provider = new Provider(issuer, {
  clients: [client('ciba-basic', 'client_secret_basic'), client('ciba-post', 'client_secret_post')],
  jwks: { keys: [{ ...key, kid: 'validation-rs256', alg: 'RS256', use: 'sig' }] },
  findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
  features: {
    devInteractions: { enabled: false },
    ciba: {
      enabled: true,
      deliveryModes: ['poll'],
      processLoginHint: async (_ctx, hint) => (hint.startsWith('unknown') ? undefined : hint),
      async validateBindingMessage(_ctx, message) {
        if (message !== undefined && !/^[\p{L}\p{N} .,:;!?#+/_-]{1,64}$/u.test(message)) {
          throw new errors.InvalidBindingMessage('binding_message must be 1-64 letters, digits, spaces or .,:;!?#+/_-');
        }
      },
      validateRequestContext: async () => {},
      verifyUserCode: async () => {},
      async triggerAuthenticationDevice(_ctx, request) {
        requests.set(request.jti, request);
        if (request.params.login_hint.includes('slow')) slowDown.set(request.jti, 0);
        waiters.get(request.jti)?.(request);
      },
    },
    richAuthorizationRequests: {
      enabled: true,
      types: { countersign_tool_call: { validate: async () => {} } },
      authorizationDetailsForGrantSource: async (_ctx, source) => source.rar,
      authorizationDetailsForAccessToken: async (_ctx, _token, source) => source.rar,
      authorizationDetailsForIntrospection: async (_ctx, token) => token.rar,
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RS,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: 'tools:call', audience: RS, accessTokenFormat: 'jwt', accessTokenTTL: 300, jwt: { sign: { alg: 'RS256' } } }),
    },
  },
});

provider.use(async (ctx, next) => {
  await next();
  const route = ctx.oidc?.route;
  if (route === 'backchannel_authentication' || route === 'token') {
    seen.push({
      route, client: ctx.oidc.client?.clientId ?? null,
      basic: (ctx.get('authorization') || '').startsWith('Basic '),
      bodyKeys: Object.keys(ctx.oidc.body ?? {}).sort(),
    });
  }
  if (route === 'backchannel_authentication' && ctx.status === 200 && ctx.body?.auth_req_id) {
    ctx.body.interval = 1;
  }
  const id = ctx.oidc?.params?.auth_req_id;
  if (route === 'token' && ctx.status === 400 && ctx.body?.error === 'authorization_pending' && slowDown.has(id)) {
    const n = slowDown.get(id) + 1;
    slowDown.set(id, n);
    if (n === 2) ctx.body = { error: 'slow_down', error_description: 'polling too fast (validation)' };
  }
});

function triggered(authReqId) {
  const r = requests.get(authReqId);
  return r ? Promise.resolve(r) : new Promise((res) => waiters.set(authReqId, res));
}

async function approve(request) {
  const grant = new provider.Grant({ accountId: request.accountId, clientId: request.clientId });
  grant.addOIDCScope(request.scope);
  grant.addResourceScope(RS, 'tools:call');
  await grant.save();
  const details = request.params.authorization_details;   // approved as requested
  await provider.backchannelResult(request, grant, {
    acr: 'urn:countersign:acr:approval', amr: ['user'], authTime: Math.floor(Date.now() / 1000),
    rar: details ? JSON.parse(details) : undefined,
  });
}
const deny = (request) => provider.backchannelResult(request, new errors.AccessDenied('the approver rejected the request'));

// ---------------------------------------------------------------- cases
const details = [{ type: 'countersign_tool_call', tool: 'github.create_issue', arguments: { repo: 'acme/x' } }];
const base = (clientId, extra) => ({
  issuer, clientId, clientSecret: `${clientId}-secret-with:special&chars`,
  authMethod: clientId === 'ciba-basic' ? 'client_secret_basic' : 'client_secret_post',
  loginHint: 'alice@acme', maxWaitSeconds: 30, ...extra,
});

const cases = [
  {
    name: 'approve (basic, binding message, authorization_details, slow_down)',
    input: base('ciba-basic', { loginHint: 'alice-slow@acme', bindingMessage: 'Approve create_issue 4F2A', authorizationDetails: details }),
    device: async (lines, request) => { await lines.until((l) => l.event === 'slow_down'); await approve(request); },
    check(final, lines, t) {
      ok(final.event === 'tokens', 'final event is tokens');
      ok(final.token_type === 'Bearer', `token_type as sent (${final.token_type})`);
      ok(final.id_token_claims?.sub === 'alice-slow@acme' && final.id_token_claims?.aud === 'ciba-basic', 'id_token sub/aud');
      ok(final.access_token_claims?.sub === 'alice-slow@acme' && final.access_token_claims?.aud === RS, 'access token sub/aud');
      ok(JSON.stringify(final.access_token_claims?.authorization_details) === JSON.stringify(details), 'authorization_details in access token');
      ok(JSON.stringify(final.authorization_details) === JSON.stringify(details), 'authorization_details in token response');
      ok(lines.some((l) => l.event === 'pending'), 'saw pending');
      ok(lines.some((l) => l.event === 'slow_down'), 'saw slow_down');
      const gap = t.final - t.slow_down;
      ok(gap >= 5900, `waited interval+5 s after slow_down (${gap} ms)`);
      ok(typeof final.expires_in === 'number', 'expires_in');
    },
  },
  {
    name: 'approve (post)',
    input: base('ciba-post', { scope: 'openid' }),
    device: async (lines, request) => { await lines.until((l) => l.event === 'pending'); await approve(request); },
    check(final) {
      ok(final.event === 'tokens', 'final event is tokens');
      ok(final.id_token_claims?.sub === 'alice@acme' && final.id_token_claims?.aud === 'ciba-post', 'id_token sub/aud');
    },
  },
  {
    name: 'deny (post)',
    input: base('ciba-post', {}),
    device: async (lines, request) => { await lines.until((l) => l.event === 'pending'); await deny(request); },
    check(final) { ok(final.event === 'error' && final.error === 'access_denied', 'access_denied'); },
  },
  {
    name: 'expiry (basic, requested_expiry 3)',
    input: base('ciba-basic', { requestedExpiry: 3 }),
    device: async () => {},
    check(final, lines) {
      ok(lines[0].expires_in === 3, 'expires_in honoured requested_expiry');
      ok(final.event === 'error' && final.error === 'expired_token', 'expired_token');
    },
  },
  {
    name: 'unknown user (backchannel error)',
    input: base('ciba-basic', { loginHint: 'unknown@acme' }),
    check(final) { ok(final.event === 'error' && final.stage === 'backchannel' && final.error === 'unknown_user_id', 'unknown_user_id'); },
  },
  {
    name: 'invalid binding message (backchannel error)',
    input: base('ciba-post', { bindingMessage: 'no <html> here' }),
    check(final) { ok(final.event === 'error' && final.stage === 'backchannel' && final.error === 'invalid_binding_message', 'invalid_binding_message'); },
  },
  {
    name: 'wrong secret (backchannel invalid_client)',
    input: { ...base('ciba-basic', {}), clientSecret: 'wrong' },
    check(final) { ok(final.event === 'error' && final.stage === 'backchannel' && final.error === 'invalid_client', 'invalid_client'); },
  },
  {
    name: 'unreachable issuer (failure, exit 2)',
    input: base('ciba-basic', { issuer: `http://127.0.0.1:${closedPort}/t/acme` }),
    exit: 2,
    check(final) { ok(final.event === 'failure' && final.stage === 'discovery', 'failure at discovery'); },
  },
];

// ---------------------------------------------------------------- runner
let failures;
function ok(cond, what) { if (!cond) failures.push(what); }

function run(script, c) {
  return new Promise((resolveRun) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(here, script)], {
      env: { ...process.env, CIBA_CLIENT_INPUT: JSON.stringify(c.input) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = [];
    const times = {};
    const watchers = [];
    lines.until = (pred) => new Promise((res) => {
      if (lines.some(pred)) res(); else watchers.push({ pred, res });
    });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    createInterface({ input: child.stdout }).on('line', (line) => {
      let doc;
      try { doc = JSON.parse(line); } catch { doc = { event: 'NOT-JSON', line }; }
      lines.push(doc);
      times[doc.event] ??= Date.now();
      if (verbose) console.error(`  [${script} | ${c.name}] +${Date.now() - started}ms ${line}`);
      for (const w of [...watchers]) if (w.pred(doc)) { watchers.splice(watchers.indexOf(w), 1); w.res(); }
      if (doc.event === 'acknowledged' && c.device) {
        triggered(doc.auth_req_id).then((request) => c.device(lines, request)).catch((e) => { stderr += `device: ${e.stack}`; });
      }
    });
    child.on('close', (code) => {
      const final = lines.at(-1) ?? {};
      times.final = Date.now();
      failures = [];
      ok(code === (c.exit ?? 0), `exit code ${code}`);
      ok(lines.every((l) => l.event !== 'NOT-JSON'), 'stdout is JSON lines only');
      if (c.device) ok(lines[0]?.event === 'acknowledged' && typeof lines[0].auth_req_id === 'string', 'first line acknowledged');
      try { c.check(final, lines, times); } catch (e) { failures.push(`check threw: ${e.message}`); }
      resolveRun({
        script, case: c.name, pass: failures.length === 0, exit: code, ms: Date.now() - started,
        events: lines.map((l) => l.event).join(','), final,
        ...(failures.length ? { failures, stderr: stderr.slice(0, 2000) } : {}),
      });
    });
  });
}

const scripts = ['ciba-openid-client.mjs', 'ciba-oauth4webapi.mjs'].filter((s) => !only || s.includes(only));
const results = await Promise.all(scripts.flatMap((s) => cases.map((c) => run(s, c))));
for (const r of results) console.log(JSON.stringify(r));

// What the provider received (client authentication shape), one line per distinct pattern.
const patterns = new Set(seen.map((s) => JSON.stringify(s)));
for (const p of patterns) console.log(JSON.stringify({ received: JSON.parse(p) }));

const passed = results.filter((r) => r.pass).length;
console.log(JSON.stringify({ summary: `${passed}/${results.length} passed`, issuer }));
server.close();
process.exit(passed === results.length ? 0 : 1);
