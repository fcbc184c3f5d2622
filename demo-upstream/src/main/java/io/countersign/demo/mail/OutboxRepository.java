package io.countersign.demo.mail;

import io.countersign.demo.db.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Appends e-mails to {@code demo_outbox}: one row per recipient, all or none. */
public class OutboxRepository {

  private final DataSource dataSource;

  public OutboxRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records {@code email}; returns the new row ids, in recipient order. */
  public List<Long> record(OutboxEmail email, Instant now) {
    String sql =
        "INSERT INTO demo_outbox (message_id, recipient, subject, body, created_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"})) {
        List<Long> ids = new ArrayList<>();
        for (String recipient : email.recipients()) {
          statement.setString(1, email.messageId());
          statement.setString(2, recipient);
          statement.setString(3, email.subject());
          statement.setString(4, email.body());
          statement.setObject(5, now.atOffset(ZoneOffset.UTC));
          statement.executeUpdate();
          try (ResultSet keys = statement.getGeneratedKeys()) {
            keys.next();
            ids.add(keys.getLong(1));
          }
        }
        connection.commit();
        return ids;
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new DataAccessException("Recording an e-mail in the outbox", e);
    }
  }

  public long countByMessageId(String messageId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT COUNT(*) FROM demo_outbox WHERE message_id = ?")) {
      statement.setString(1, messageId);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new DataAccessException("Counting outbox rows", e);
    }
  }
}
