package io.countersign.demo.db;

import java.sql.SQLException;

/** A demo table could not be read or written; carries the SQLSTATE, never the SQL parameters. */
public class DataAccessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DataAccessException(String action, SQLException cause) {
    super(action + " failed (SQLSTATE " + cause.getSQLState() + ")", cause);
  }
}
