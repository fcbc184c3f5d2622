/**
 * Telling approvers that a request waits for them: by push (FCM HTTP v1), e-mail (SMTP) and the
 * tenant's signed webhook. Notices are written to an outbox in the transaction of the event that
 * causes them and sent by the provider's timer, with retries. A notice carries the request's plain
 * language summary, risk, expiry and binding code and a link into the approver app: never the
 * arguments, a token or the {@code auth_req_id}.
 */
package io.countersign.ciba.notify;
