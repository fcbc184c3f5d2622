package io.countersign.gateway.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualifiedNameTest {

  @Test
  void parseWhenToolNameHasSeparatorThenSplitsAtFirst() {
    assertEquals(
        Optional.of(new QualifiedName("shop", "delete__all")),
        QualifiedName.parse("shop__delete__all"));
  }

  @Test
  void parseWhenNoSeparatorOrEmptyPartThenEmpty() {
    assertTrue(QualifiedName.parse("list_orders").isEmpty());
    assertTrue(QualifiedName.parse("__x").isEmpty());
    assertTrue(QualifiedName.parse("shop__").isEmpty());
  }

  @Test
  void qualifiedWhenValidThenRoundTrips() {
    var name = new QualifiedName("everything", "get-tiny-image");
    assertEquals(Optional.of("everything__get-tiny-image"), name.qualified());
    assertEquals(Optional.of(name), QualifiedName.parse(name.qualified().orElseThrow()));
  }

  @Test
  void qualifiedWhenInvalidCharactersOrTooLongThenEmpty() {
    assertTrue(new QualifiedName("shop", "has space").qualified().isEmpty());
    assertTrue(new QualifiedName("shop", "x".repeat(130)).qualified().isEmpty());
  }
}
