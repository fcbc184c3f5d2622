package io.countersign.ciba.provider;

import java.time.Instant;

/**
 * A CDI event, fired in the transaction that records it: a pending request moved toward its quorum
 * (a vote counted without deciding, or an escalation step added a quorum). CIBA tells a client only
 * of the decision, so a client in the same deployment (the gateway) may observe this to ask for the
 * new progress at once instead of at its next poll.
 *
 * @param tenant the request's tenant
 * @param authReqIdSha256 the SHA-256 of the request's {@code auth_req_id}, as the store keeps it
 * @param mayPollAt the earliest time the client may poll without being told {@code slow_down}
 */
public record ApprovalProgressed(String tenant, String authReqIdSha256, Instant mayPollAt) {}
