package io.countersign.demo.order;

import io.countersign.demo.db.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads and deletes rows of {@code demo_order}, in SQL that H2 and PostgreSQL both run. */
public class OrderRepository {

  private final DataSource dataSource;

  public OrderRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The newest orders matching {@code filter}, at most {@code limit}. */
  public List<Order> find(OrderFilter filter, int limit) {
    String sql =
        "SELECT id, customer, status, total, currency, created_at FROM demo_order WHERE "
            + filter.whereClause()
            + " ORDER BY created_at DESC, id DESC FETCH FIRST ? ROWS ONLY";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      int next = bind(statement, filter.parameters());
      statement.setInt(next, limit);
      try (ResultSet rows = statement.executeQuery()) {
        List<Order> orders = new ArrayList<>();
        while (rows.next()) {
          orders.add(read(rows));
        }
        return orders;
      }
    } catch (SQLException e) {
      throw new DataAccessException("Listing orders", e);
    }
  }

  /** Deletes every order matching {@code filter}; refuses an empty filter. */
  public int delete(OrderFilter filter) {
    if (filter.isEmpty()) {
      throw new IllegalArgumentException("Refusing to delete every order: the filter is empty");
    }
    String sql = "DELETE FROM demo_order WHERE " + filter.whereClause();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, filter.parameters());
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException("Deleting orders", e);
    }
  }

  public long count(OrderFilter filter) {
    String sql = "SELECT COUNT(*) FROM demo_order WHERE " + filter.whereClause();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, filter.parameters());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new DataAccessException("Counting orders", e);
    }
  }

  private static int bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    int index = 1;
    for (Object parameter : parameters) {
      if (parameter instanceof Instant instant) {
        statement.setObject(index++, instant.atOffset(ZoneOffset.UTC));
      } else {
        statement.setString(index++, (String) parameter);
      }
    }
    return index;
  }

  private static Order read(ResultSet row) throws SQLException {
    return new Order(
        row.getLong("id"),
        row.getString("customer"),
        row.getString("status"),
        row.getBigDecimal("total"),
        row.getString("currency"),
        row.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
