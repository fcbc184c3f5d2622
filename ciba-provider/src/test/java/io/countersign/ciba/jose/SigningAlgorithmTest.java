package io.countersign.ciba.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SigningAlgorithmTest {

  @Test
  void es256IsTheDefault() {
    assertEquals(SigningAlgorithm.ES256, SigningAlgorithm.DEFAULT);
  }

  @Test
  void namesMapToNimbusAlgorithms() {
    assertEquals(Optional.of(SigningAlgorithm.ES256), SigningAlgorithm.parse("ES256"));
    assertEquals(Optional.of(SigningAlgorithm.PS256), SigningAlgorithm.parse("PS256"));
    assertEquals(JWSAlgorithm.ES256, SigningAlgorithm.ES256.jws());
    assertEquals(JWSAlgorithm.PS256, SigningAlgorithm.PS256.jws());
    assertEquals(Optional.of(SigningAlgorithm.PS256), SigningAlgorithm.of(JWSAlgorithm.PS256));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"es256", "RS256", "HS256", "none", "ES256 "})
  void otherNamesAreNotProviderAlgorithms(String name) {
    assertTrue(SigningAlgorithm.parse(name).isEmpty());
  }
}
