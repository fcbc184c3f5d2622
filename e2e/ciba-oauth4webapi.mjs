#!/usr/bin/env node
// CIBA poll-mode client built on oauth4webapi 3.x (discoveryRequest, backchannelAuthenticationRequest,
// backchannelAuthenticationGrantRequest + their process* functions). The polling loop is ours, per CIBA
// Core 7.3 / 11: wait `interval` (default 5 s) before every poll; authorization_pending -> poll again;
// slow_down -> interval += 5 s; anything else ends the run. Contract in README.md.

import * as oauth from 'oauth4webapi';
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

let lastBody;                                           // raw JSON of the last answer (token_type as sent)
const opts = {
  [oauth.allowInsecureRequests]: true,
  [oauth.customFetch]: observingFetch((_url, _res, body) => { lastBody = body; }),
};
const timeout = () => ({ ...opts, signal: AbortSignal.timeout(30_000) });

async function oauthError(stage, e) {
  if (e instanceof oauth.ResponseBodyError) return oauthErrorEvent(stage, e.cause, e.status);
  if (e instanceof oauth.WWWAuthenticateChallengeError) return challengeErrorEvent(stage, e);
  return undefined;
}

// 1. Discovery (<issuer>/.well-known/openid-configuration; issuer must match exactly).
let as;
const cl = { client_id: input.clientId };
const auth = input.authMethod === 'client_secret_post'
  ? oauth.ClientSecretPost(input.clientSecret)
  : oauth.ClientSecretBasic(input.clientSecret);
try {
  const issuer = new URL(input.issuer);
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...timeout(), algorithm: 'oidc' }));
  if (!as.backchannel_authentication_endpoint) throw new Error('discovery document has no backchannel_authentication_endpoint');
  if (!as.token_endpoint) throw new Error('discovery document has no token_endpoint');
} catch (e) {
  await fail('discovery', e);
}

// 2. Backchannel authentication request.
let ack;
try {
  const res = await oauth.backchannelAuthenticationRequest(as, cl, auth, backchannelParams(input), timeout());
  ack = await oauth.processBackchannelAuthenticationResponse(as, cl, res);
} catch (e) {
  const ev = await oauthError('backchannel', e);
  if (ev) await finish(ev, 0);
  await fail('backchannel', e);
}
let interval = ack.interval ?? 5;
emit({ event: 'acknowledged', auth_req_id: ack.auth_req_id, expires_in: ack.expires_in, interval });

// 3. Poll until a result or maxWaitSeconds. We keep polling past expires_in so that the server's
// expired_token answer is what ends an expired request.
const deadline = Date.now() + input.maxWaitSeconds * 1000;
const sleep = (s) => new Promise((r) => setTimeout(r, s * 1000));
for (;;) {
  const left = (deadline - Date.now()) / 1000;
  if (left < interval) {
    await sleep(Math.max(left, 0));
    await finish({ event: 'failure', stage: 'token', message: `no result within maxWaitSeconds=${input.maxWaitSeconds}` }, 2);
  }
  await sleep(interval);
  let result;
  try {
    const res = await oauth.backchannelAuthenticationGrantRequest(as, cl, auth, ack.auth_req_id, timeout());
    result = await oauth.processBackchannelAuthenticationGrantResponse(as, cl, res);
  } catch (e) {
    if (e instanceof oauth.ResponseBodyError && e.error === 'authorization_pending') {
      emit({ event: 'pending' });
      continue;
    }
    if (e instanceof oauth.ResponseBodyError && e.error === 'slow_down') {
      interval += 5;
      emit({ event: 'slow_down' });
      continue;
    }
    const ev = await oauthError('token', e);
    if (ev) await finish(ev, 0);
    await fail('token', e);
  }
  await finish(tokensEvent(lastBody ?? result, oauth.getValidatedIdTokenClaims(result)), 0);
}
