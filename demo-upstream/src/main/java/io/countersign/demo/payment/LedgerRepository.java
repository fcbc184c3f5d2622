package io.countersign.demo.payment;

import io.countersign.demo.db.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** Appends charges to {@code demo_ledger}. */
public class LedgerRepository {

  private final DataSource dataSource;

  public LedgerRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void record(Charge charge, Instant now) {
    String sql =
        "INSERT INTO demo_ledger (charge_id, card_token, amount, currency, created_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, charge.chargeId());
      statement.setString(2, charge.cardToken());
      statement.setBigDecimal(3, charge.amount());
      statement.setString(4, charge.currency().getCurrencyCode());
      statement.setObject(5, now.atOffset(ZoneOffset.UTC));
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException("Recording a charge in the ledger", e);
    }
  }

  public long count() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT COUNT(*) FROM demo_ledger");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new DataAccessException("Counting ledger rows", e);
    }
  }
}
