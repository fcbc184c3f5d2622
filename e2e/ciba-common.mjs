// Shared input/output plumbing for ciba-openid-client.mjs and ciba-oauth4webapi.mjs.
// Input: one JSON object in $CIBA_CLIENT_INPUT. Output: JSON lines on stdout (see README.md).

export function emit(doc) {
  process.stdout.write(`${JSON.stringify(doc)}\n`);      // pipes are synchronous on Linux
}

// Final line: write, wait for the flush, exit.
export function finish(doc, code) {
  process.stdout.write(`${JSON.stringify(doc)}\n`, () => process.exit(code));
  return new Promise(() => {});                          // never resolves: the callback exits
}

export function fail(stage, err) {
  let message = err?.message ?? String(err);
  const c = err?.cause?.cause ?? err?.cause;              // fetch: TypeError('fetch failed', {cause})
  const cause = c?.code ?? (c instanceof Error ? c.message : undefined);   // e.g. ECONNREFUSED
  if (cause && !message.includes(cause)) message += ` (${cause})`;
  const doc = { event: 'failure', stage, message };
  if (err?.code && typeof err.code === 'string') doc.code = err.code;
  if (err?.name && err.name !== 'Error') doc.name = err.name;
  // openid-client wraps oauth4webapi's precise message ("unexpected JWT \"iss\" ...") in a generic one.
  if (err?.cause instanceof Error && err.cause.message && !message.includes(err.cause.message)) doc.detail = err.cause.message;
  return finish(doc, 2);
}

export function readInput() {
  const raw = process.env.CIBA_CLIENT_INPUT;
  if (!raw) throw new Error('CIBA_CLIENT_INPUT is not set');
  const i = JSON.parse(raw);
  if (!i || typeof i !== 'object' || Array.isArray(i)) throw new Error('CIBA_CLIENT_INPUT must be a JSON object');
  for (const f of ['issuer', 'clientId', 'clientSecret', 'loginHint']) {
    if (typeof i[f] !== 'string' || !i[f]) throw new Error(`"${f}" is required (non-empty string)`);
  }
  const authMethod = i.authMethod ?? 'client_secret_basic';
  if (!['client_secret_basic', 'client_secret_post'].includes(authMethod)) {
    throw new Error('"authMethod" must be client_secret_basic or client_secret_post');
  }
  if (i.authorizationDetails !== undefined && !Array.isArray(i.authorizationDetails)) {
    throw new Error('"authorizationDetails" must be a JSON array');
  }
  const maxWaitSeconds = i.maxWaitSeconds ?? 60;
  if (typeof maxWaitSeconds !== 'number' || !(maxWaitSeconds > 0)) throw new Error('"maxWaitSeconds" must be a positive number');
  return {
    issuer: i.issuer,
    clientId: i.clientId,
    clientSecret: i.clientSecret,
    authMethod,
    loginHint: i.loginHint,
    bindingMessage: i.bindingMessage ?? undefined,
    requestedExpiry: i.requestedExpiry ?? undefined,
    scope: i.scope ?? 'openid',
    authorizationDetails: i.authorizationDetails,
    maxWaitSeconds,
  };
}

// Form parameters of the backchannel authentication request.
export function backchannelParams(input) {
  const p = new URLSearchParams({ scope: input.scope, login_hint: input.loginHint });
  if (input.bindingMessage !== undefined) p.set('binding_message', String(input.bindingMessage));
  if (input.requestedExpiry !== undefined) p.set('requested_expiry', String(input.requestedExpiry));
  if (input.authorizationDetails !== undefined) p.set('authorization_details', JSON.stringify(input.authorizationDetails));
  return p;
}

// Payload of a JWS/JWT without verification; null when the token is not a JWT (opaque).
export function decodeJwtPayload(token) {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : null;
  } catch {
    return null;
  }
}

// The final "tokens" line. `raw` is the token endpoint's JSON body as the server sent it
// (token_type unnormalised), idTokenClaims the claims the library validated.
export function tokensEvent(raw, idTokenClaims) {
  const doc = {
    event: 'tokens',
    access_token_claims: decodeJwtPayload(raw.access_token),
    id_token_claims: idTokenClaims ?? decodeJwtPayload(raw.id_token),
    token_type: raw.token_type,
    expires_in: raw.expires_in,
  };
  if (raw.scope !== undefined) doc.scope = raw.scope;
  if (raw.authorization_details !== undefined) doc.authorization_details = raw.authorization_details;
  doc.refresh_token = raw.refresh_token !== undefined;
  return doc;
}

// {"event":"error",...} from an OAuth error body ({error, error_description, ...}).
export function oauthErrorEvent(stage, body, status) {
  const doc = { event: 'error', stage, error: body.error };
  if (body.error_description !== undefined) doc.error_description = body.error_description;
  if (body.error_uri !== undefined) doc.error_uri = body.error_uri;
  if (status !== undefined) doc.status = status;
  return doc;
}

// Both libraries throw WWWAuthenticateChallengeError (no OAuth body parsed) when a 4xx answer carries a
// WWW-Authenticate header, e.g. 401 invalid_client. Recover the error from the body, else the challenge.
export async function challengeErrorEvent(stage, err) {
  const response = err.response;
  let body;
  try { body = await response?.clone().json(); } catch { /* not JSON */ }
  const challenge = Array.isArray(err.cause) ? err.cause[0] : undefined;
  const error = body?.error ?? challenge?.parameters?.error;
  if (typeof error !== 'string') return undefined;
  const doc = oauthErrorEvent(stage, { error_description: challenge?.parameters?.error_description, ...body, error }, err.status);
  doc.www_authenticate = response?.headers.get('www-authenticate') ?? undefined;
  return doc;
}

// fetch wrapper: records the last JSON body of every answer (the libraries normalise token_type, hide
// authorization_pending / slow_down) and lets the caller observe token-endpoint answers.
export function observingFetch(onAnswer) {
  return async (url, init) => {
    const res = await fetch(url, init);
    let body;
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      body = await res.clone().json().catch(() => undefined);
    }
    onAnswer(String(url), res, body);
    return res;
  };
}
