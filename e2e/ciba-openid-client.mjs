#!/usr/bin/env node
// CIBA poll-mode client built on openid-client 6.x (discovery, initiateBackchannelAuthentication,
// pollBackchannelAuthenticationGrant). Contract in README.md; input in $CIBA_CLIENT_INPUT.
//
// openid-client hides authorization_pending / slow_down inside pollBackchannelAuthenticationGrant; the
// "pending" / "slow_down" lines are produced by observing the token endpoint's answers through the
// library's customFetch hook (the polling itself, interval + 5 s on slow_down, is the library's).

import * as client from 'openid-client';
import {
  readInput, backchannelParams, emit, finish, fail, tokensEvent, oauthErrorEvent,
  challengeErrorEvent, observingFetch,
} from './ciba-common.mjs';

let input;
try {
  input = readInput();
} catch (e) {
  await fail('usage', e);
}

let tokenEndpoint;
let lastTokenBody;                                      // raw JSON of the last token endpoint answer
const customFetch = observingFetch((url, res, body) => {
  if (tokenEndpoint === undefined || url !== tokenEndpoint) return;
  lastTokenBody = body;
  if (res.status === 400 && (body?.error === 'authorization_pending' || body?.error === 'slow_down')) {
    emit({ event: body.error === 'slow_down' ? 'slow_down' : 'pending' });
  }
});

async function oauthError(stage, e) {
  if (e instanceof client.ResponseBodyError) {
    return oauthErrorEvent(stage, e.cause ?? { error: e.error, error_description: e.error_description }, e.status);
  }
  if (e instanceof client.WWWAuthenticateChallengeError) return challengeErrorEvent(stage, e);
  return undefined;
}

// 1. Discovery (<issuer>/.well-known/openid-configuration; issuer must match exactly).
let config;
try {
  const auth = input.authMethod === 'client_secret_post'
    ? client.ClientSecretPost(input.clientSecret)
    : client.ClientSecretBasic(input.clientSecret);
  config = await client.discovery(new URL(input.issuer), input.clientId, undefined, auth, {
    execute: [client.allowInsecureRequests],
    [client.customFetch]: customFetch,
    timeout: 30,
  });
  tokenEndpoint = config.serverMetadata().token_endpoint;
  if (!config.serverMetadata().backchannel_authentication_endpoint) {
    throw new Error('discovery document has no backchannel_authentication_endpoint');
  }
} catch (e) {
  await fail('discovery', e);
}

// 2. Backchannel authentication request.
let ack;
try {
  ack = await client.initiateBackchannelAuthentication(config, backchannelParams(input));
} catch (e) {
  const ev = await oauthError('backchannel', e);
  if (ev) await finish(ev, 0);
  await fail('backchannel', e);
}
emit({ event: 'acknowledged', auth_req_id: ack.auth_req_id, expires_in: ack.expires_in, interval: ack.interval ?? 5 });

// 3. Poll. Our own signal (maxWaitSeconds) replaces the library default (abort at expires_in), so the
// server's expired_token answer is observed rather than a client-side abort.
const deadline = AbortSignal.timeout(input.maxWaitSeconds * 1000);
try {
  const tokens = await client.pollBackchannelAuthenticationGrant(config, ack, undefined, { signal: deadline });
  let idClaims;
  try { idClaims = tokens.claims(); } catch { /* no id_token */ }
  await finish(tokensEvent(lastTokenBody ?? tokens, idClaims), 0);
} catch (e) {
  const ev = await oauthError('token', e);
  if (ev) await finish(ev, 0);
  if (deadline.aborted) {
    await finish({ event: 'failure', stage: 'token', message: `no result within maxWaitSeconds=${input.maxWaitSeconds}` }, 2);
  }
  await fail('token', e);
}
