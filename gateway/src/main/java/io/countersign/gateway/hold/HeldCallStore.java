package io.countersign.gateway.hold;

import io.countersign.tenant.AgentPrincipal;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Held calls in {@code held_call}. Each method joins the caller's transaction (or runs in its own),
 * so a state change and its audit entry commit together. Moves between states are conditional
 * updates: the one that changes the row wins, and {@link #claimForward} can succeed only once.
 */
@ApplicationScoped
public class HeldCallStore {

  private static final String COLUMNS =
      "id, tenant_id, agent_id, agent_name, session_id, upstream, tool, arguments,"
          + " arguments_sha256, policy_rule, quorum, binding_code, state, progress,"
          + " approved_arguments, outcome_text, delivered, created_at, expires_at, decided_at";

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  /** Where a call stands, as {@link #states} reads it for waiting agents. */
  public record Standing(HeldCallState state, Optional<String> progress) {}

  /**
   * Locks the agent's row until commit: one agent's holds are opened one at a time, so identical
   * calls arriving together find each other ({@link #findJoinable}).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void lockAgent(AgentPrincipal agent) {
    query(
        "SELECT id FROM agent WHERE tenant_id = ? AND id = ? FOR UPDATE",
        r -> true,
        agent.tenantId(),
        agent.agentId());
  }

  /**
   * The held call an identical call (same agent, upstream, tool and arguments digest) joins: one
   * still open, one completed or failed whose outcome nobody received yet, or one rejected or
   * expired less than {@code window} ago (so a loop of retries does not ask the approvers again and
   * again).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<HeldCall> findJoinable(
      AgentPrincipal agent,
      String upstream,
      String tool,
      String argumentsSha256,
      Instant now,
      Duration window) {
    List<HeldCall> found =
        query(
            "SELECT "
                + COLUMNS
                + " FROM held_call WHERE tenant_id = ? AND agent_id = ? AND arguments_sha256 = ?"
                + " AND tool = ? AND upstream = ? AND (state IN ('REQUESTING', 'PENDING',"
                + " 'APPROVED', 'FORWARDING') OR (state IN ('COMPLETED', 'FAILED') AND delivered = FALSE)"
                + " OR (state IN ('REJECTED', 'EXPIRED') AND decided_at > ?))"
                + " ORDER BY created_at DESC",
            HeldCallStore::read,
            agent.tenantId(),
            agent.agentId(),
            argumentsSha256,
            tool,
            upstream,
            utc(now.minus(window)));
    return found.stream().findFirst();
  }

  /**
   * A new held call in REQUESTING with the backchannel request to send; {@code askBy} is the lease
   * of this node's first attempt: after it the timer on any node sends the request.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void insert(HeldCall call, BackchannelRequest request, Instant askBy, Instant now) {
    update(
        "INSERT INTO held_call (id, tenant_id, agent_id, agent_name, session_id, upstream, tool,"
            + " arguments, arguments_sha256, policy_rule, quorum, binding_code, state, created_at,"
            + " updated_at, approval_request, next_poll_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        call.id(),
        call.tenantId(),
        call.agent().agentId(),
        call.agent().agentName(),
        call.sessionId(),
        call.upstream(),
        call.tool(),
        call.arguments(),
        call.argumentsSha256(),
        call.policyRule(),
        call.quorum(),
        call.bindingCode(),
        call.state().name(),
        utc(call.createdAt()),
        utc(now),
        request.toJson(),
        utc(askBy));
  }

  /** A REQUESTING call's stored backchannel request and how many attempts were claimed. */
  public record Ask(Optional<BackchannelRequest> request, int asks) {}

  @Transactional
  public Optional<Ask> ask(String id) {
    return query(
            "SELECT approval_request, asks FROM held_call WHERE id = ? AND state = 'REQUESTING'",
            r ->
                new Ask(
                    Optional.ofNullable(r.getString(1)).flatMap(BackchannelRequest::parse),
                    r.getInt(2)),
            id)
        .stream()
        .findFirst();
  }

  /**
   * Claims attempt {@code asks + 1} at sending a REQUESTING call's backchannel request, leased
   * until {@code leaseUntil}; fails when another node or thread claimed it first.
   */
  @Transactional
  public boolean claimAsk(String id, int asks, Instant leaseUntil, Instant now) {
    return update(
            "UPDATE held_call SET asks = asks + 1, next_poll_at = ?, updated_at = ?"
                + " WHERE id = ? AND state = 'REQUESTING' AND asks = ?",
            utc(leaseUntil),
            utc(now),
            id,
            asks)
        == 1;
  }

  @Transactional
  public Optional<HeldCall> find(String tenantId, String id) {
    return query(
            "SELECT " + COLUMNS + " FROM held_call WHERE tenant_id = ? AND id = ?",
            HeldCallStore::read,
            tenantId,
            id)
        .stream()
        .findFirst();
  }

  /** The call whose ping bearer token has this hash, in this tenant. */
  @Transactional
  public Optional<HeldCall> findByNotificationToken(String tenantId, String tokenHash) {
    return query(
            "SELECT "
                + COLUMNS
                + " FROM held_call WHERE tenant_id = ? AND notification_token_hash = ?",
            HeldCallStore::read,
            tenantId,
            tokenHash)
        .stream()
        .findFirst();
  }

  /** REQUESTING → PENDING: the provider acknowledged the backchannel request. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean requested(
      String id,
      String authReqIdSealed,
      Optional<String> authReqIdSha256,
      String notificationTokenHash,
      Instant expiresAt,
      Instant nextPollAt,
      Instant now) {
    return update(
            "UPDATE held_call SET state = 'PENDING', auth_req_id_sealed = ?,"
                + " auth_req_id_sha256 = ?, notification_token_hash = ?, expires_at = ?,"
                + " next_poll_at = ?, updated_at = ? WHERE id = ? AND state = 'REQUESTING'",
            authReqIdSealed,
            authReqIdSha256.orElse(null),
            notificationTokenHash,
            utc(expiresAt),
            utc(nextPollAt),
            utc(now),
            id)
        == 1;
  }

  /**
   * Moves the next poll of the pending call whose {@code auth_req_id} has this SHA-256 forward to
   * {@code at}, if it was later: its approval moved. In the caller's transaction (the vote's).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void pollBy(String tenantId, String authReqIdSha256, Instant at) {
    update(
        "UPDATE held_call SET next_poll_at = ? WHERE tenant_id = ? AND auth_req_id_sha256 = ?"
            + " AND state = 'PENDING' AND next_poll_at > ?",
        utc(at),
        tenantId,
        authReqIdSha256,
        utc(at));
  }

  /** The provider's latest word on the votes, and when to ask again. */
  @Transactional
  public void progressed(String id, String progress, Instant nextPollAt, Instant now) {
    update(
        "UPDATE held_call SET progress = ?, next_poll_at = ?, updated_at = ?"
            + " WHERE id = ? AND state = 'PENDING'",
        progress,
        utc(nextPollAt),
        utc(now),
        id);
  }

  /** PENDING → APPROVED with the arguments as approved. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean approved(String id, String approvedArguments, Instant now) {
    return update(
            "UPDATE held_call SET state = 'APPROVED', approved_arguments = ?, decided_at = ?,"
                + " next_poll_at = ?, updated_at = ? WHERE id = ? AND state = 'PENDING'",
            approvedArguments,
            utc(now),
            utc(now),
            utc(now),
            id)
        == 1;
  }

  /**
   * APPROVED → FORWARDING, by one conditional update: of any number of nodes and threads trying,
   * exactly one gets {@code true} and forwards the call. {@code answerBy} is when the forward
   * counts as interrupted if no outcome was recorded (the node stopped while the upstream ran).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean claimForward(String id, Instant answerBy, Instant now) {
    return update(
            "UPDATE held_call SET state = 'FORWARDING', next_poll_at = ?, updated_at = ?"
                + " WHERE id = ? AND state = 'APPROVED'",
            utc(answerBy),
            utc(now),
            id)
        == 1;
  }

  /**
   * The agent withdrew the call: → CANCELLED unless it is already being forwarded or finished.
   * {@code false} when it was too late.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean withdraw(String id, String reason, Instant now) {
    return update(
            "UPDATE held_call SET state = 'CANCELLED', outcome_text = ?,"
                + " decided_at = COALESCE(decided_at, ?), next_poll_at = NULL, updated_at = ?"
                + " WHERE id = ? AND state IN ('REQUESTING', 'PENDING', 'APPROVED')",
            fit(reason),
            utc(now),
            utc(now),
            id)
        == 1;
  }

  /**
   * Records that a client request ({@code requestId}, the JSON-RPC id as JSON text) waits on the
   * held call; a request id the client uses again in the session now means this call.
   */
  @Transactional
  public void waiting(
      String tenantId, String sessionId, String requestId, String heldCallId, Instant now) {
    update(
        "DELETE FROM held_call_request WHERE tenant_id = ? AND session_id = ? AND request_id = ?",
        tenantId,
        sessionId,
        requestId);
    update(
        "INSERT INTO held_call_request (tenant_id, session_id, request_id, held_call_id,"
            + " created_at) VALUES (?, ?, ?, ?, ?)",
        tenantId,
        sessionId,
        requestId,
        heldCallId,
        utc(now));
  }

  /** The held call a client request waits on, if it does. */
  @Transactional
  public Optional<String> heldFor(String tenantId, String sessionId, String requestId) {
    return query(
            "SELECT held_call_id FROM held_call_request WHERE tenant_id = ? AND session_id = ?"
                + " AND request_id = ?",
            r -> r.getString(1),
            tenantId,
            sessionId,
            requestId)
        .stream()
        .findFirst();
  }

  /**
   * A non-terminal call → {@code terminal}, with the reason or the sealed answer. {@code false}
   * when it was already terminal (another node got there first).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean finish(
      String id,
      HeldCallState terminal,
      Optional<String> outcomeText,
      Optional<String> answerSealed,
      Instant now) {
    if (!terminal.isTerminal()) {
      throw new IllegalArgumentException(terminal + " is not a terminal state");
    }
    return update(
            "UPDATE held_call SET state = ?, outcome_text = ?, answer_sealed = ?,"
                + " decided_at = COALESCE(decided_at, ?), next_poll_at = NULL, updated_at = ?"
                + " WHERE id = ? AND state NOT IN ('COMPLETED', 'REJECTED', 'EXPIRED',"
                + " 'FAILED', 'CANCELLED')",
            terminal.name(),
            outcomeText.map(HeldCallStore::fit).orElse(null),
            answerSealed.orElse(null),
            utc(now),
            utc(now),
            id)
        == 1;
  }

  /** An agent received the outcome: a later identical call asks the approvers afresh. */
  @Transactional
  public void delivered(String id) {
    update("UPDATE held_call SET delivered = TRUE WHERE id = ?", id);
  }

  @Transactional
  public Optional<String> authReqIdSealed(String id) {
    return query("SELECT auth_req_id_sealed FROM held_call WHERE id = ?", r -> r.getString(1), id)
        .stream()
        .filter(v -> v != null)
        .findFirst();
  }

  @Transactional
  public Optional<String> answerSealed(String id) {
    return query("SELECT answer_sealed FROM held_call WHERE id = ?", r -> r.getString(1), id)
        .stream()
        .filter(v -> v != null)
        .findFirst();
  }

  /**
   * Claims up to {@code limit} calls whose backchannel request was not sent in time (REQUESTING:
   * the node that held it stopped or fell behind), whose poll is due (PENDING), whose forward is
   * not claimed yet (APPROVED) or whose forward got no outcome in time (FORWARDING: its node
   * stopped), skipping rows other nodes hold, and moves their next poll {@code lease} ahead so no
   * other node takes them meanwhile. Returns (tenant, id) pairs.
   */
  @Transactional
  public List<String[]> claimDue(Instant now, Duration lease, int limit) {
    List<String[]> due =
        query(
            "SELECT tenant_id, id FROM held_call WHERE state IN ('REQUESTING', 'PENDING', 'APPROVED',"
                + " 'FORWARDING')"
                + " AND next_poll_at <= ? ORDER BY next_poll_at FETCH FIRST "
                + limit
                + " ROWS ONLY FOR UPDATE SKIP LOCKED",
            r -> new String[] {r.getString(1), r.getString(2)},
            utc(now));
    for (String[] row : due) {
      update("UPDATE held_call SET next_poll_at = ? WHERE id = ?", utc(now.plus(lease)), row[1]);
    }
    return due;
  }

  /** Where each of these calls stands (calls not found are left out). */
  @Transactional
  public Map<String, Standing> states(Collection<String> ids) {
    Map<String, Standing> states = new HashMap<>();
    List<String> list = new ArrayList<>(ids);
    for (int from = 0; from < list.size(); from += 500) {
      List<String> batch = list.subList(from, Math.min(list.size(), from + 500));
      String marks = String.join(", ", java.util.Collections.nCopies(batch.size(), "?"));
      query(
          "SELECT id, state, progress FROM held_call WHERE id IN (" + marks + ")",
          r -> {
            states.put(
                r.getString(1),
                new Standing(
                    HeldCallState.valueOf(r.getString(2)), Optional.ofNullable(r.getString(3))));
            return true;
          },
          batch.toArray());
    }
    return states;
  }

  private static String fit(String text) {
    return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
  }

  private static HeldCall read(ResultSet r) throws SQLException {
    return new HeldCall(
        r.getString(1),
        new AgentPrincipal(r.getString(2), r.getString(3), r.getString(4)),
        r.getString(5),
        r.getString(6),
        r.getString(7),
        r.getString(8),
        r.getString(9),
        r.getString(10),
        r.getString(11),
        r.getString(12),
        HeldCallState.valueOf(r.getString(13)),
        Optional.ofNullable(r.getString(14)),
        Optional.ofNullable(r.getString(15)),
        Optional.ofNullable(r.getString(16)),
        r.getBoolean(17),
        r.getObject(18, OffsetDateTime.class).toInstant(),
        Optional.ofNullable(r.getObject(19, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
        Optional.ofNullable(r.getObject(20, OffsetDateTime.class)).map(OffsetDateTime::toInstant));
  }

  private interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  private <T> List<T> query(String sql, Row<T> row, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, parameters);
      List<T> rows = new ArrayList<>();
      try (ResultSet r = statement.executeQuery()) {
        while (r.next()) {
          rows.add(row.read(r));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new HeldCallStoreException(sql, e);
    }
  }

  private int update(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new HeldCallStoreException(sql, e);
    }
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
