package io.countersign.ciba.jose;

import static io.countersign.ciba.jose.TestJwts.PROVIDER_ES256;
import static io.countersign.ciba.jose.TestJwts.PROVIDER_PS256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import org.junit.jupiter.api.Test;

class ProviderKeyTest {

  @Test
  void es256KeyIsP256WithThumbprintKid() throws Exception {
    ECKey jwk = (ECKey) PROVIDER_ES256.privateJwk();
    assertEquals(Curve.P_256, jwk.getCurve());
    assertEquals(SigningAlgorithm.ES256, PROVIDER_ES256.alg());
    assertEquals(jwk.computeThumbprint("SHA-256").toString(), PROVIDER_ES256.kid());
  }

  @Test
  void ps256KeyIsRsa3072WithThumbprintKid() throws Exception {
    RSAKey jwk = (RSAKey) PROVIDER_PS256.privateJwk();
    assertEquals(3072, jwk.size());
    assertEquals(jwk.computeThumbprint("SHA-256").toString(), PROVIDER_PS256.kid());
  }

  @Test
  void publicJwkIsThePublicHalfWithUseAlgAndKid() {
    for (ProviderKey key : new ProviderKey[] {PROVIDER_ES256, PROVIDER_PS256}) {
      var jwk = key.publicJwk();
      assertFalse(jwk.isPrivate());
      assertEquals(KeyUse.SIGNATURE, jwk.getKeyUse());
      assertEquals(key.alg().jws(), jwk.getAlgorithm());
      assertEquals(key.kid(), jwk.getKeyID());
      assertFalse(jwk.toJSONObject().containsKey("d"));
    }
  }

  @Test
  void privateJsonRoundTrips() {
    for (ProviderKey key : new ProviderKey[] {PROVIDER_ES256, PROVIDER_PS256}) {
      ProviderKey restored = ProviderKey.fromPrivateJson(key.privateJson());
      assertEquals(key, restored);
      assertEquals(key.kid(), restored.kid());
      assertEquals(key.alg(), restored.alg());
    }
  }

  @Test
  void signerSignsWhatThePublicKeyVerifies() throws Exception {
    JWSObject es = signed(PROVIDER_ES256);
    assertTrue(es.verify(new ECDSAVerifier(PROVIDER_ES256.publicJwk().toECKey())));
    JWSObject ps = signed(PROVIDER_PS256);
    assertTrue(ps.verify(new RSASSAVerifier(PROVIDER_PS256.publicJwk().toRSAKey())));
  }

  @Test
  void storedKeyWithoutKidOrAlgGetsThumbprintAndAlgFromType() throws Exception {
    ECKey bare = new ECKeyGenerator(Curve.P_256).generate();
    ProviderKey key = ProviderKey.fromPrivateJson(bare.toJSONString());
    assertEquals(bare.computeThumbprint().toString(), key.kid());
    assertEquals(SigningAlgorithm.ES256, key.alg());
    assertEquals(JWSAlgorithm.ES256, key.publicJwk().getAlgorithm());
  }

  @Test
  void publicKeyIsNotAStoredProviderKey() {
    refused(PROVIDER_ES256.publicJwk().toJSONString(), "no private key");
  }

  @Test
  void p384KeyIsRefused() throws Exception {
    refused(new ECKeyGenerator(Curve.P_384).generate().toJSONString(), "not P-256");
  }

  @Test
  void symmetricKeyIsRefused() throws Exception {
    refused(new OctetSequenceKeyGenerator(256).generate().toJSONString(), "neither EC nor RSA");
  }

  @Test
  void weakRsaKeyIsRefused() {
    refused(TestJwts.rsaKey("weak", 1024).toJSONString(), "at least 2048");
  }

  @Test
  void keyWhoseHalvesDifferIsRefused() throws Exception {
    ECKey one = (ECKey) PROVIDER_ES256.privateJwk();
    ECKey other = TestJwts.ecKey("other");
    ECKey spliced = new ECKey.Builder(one).d(other.getD()).build();
    refused(spliced.toJSONString(), "halves");
  }

  @Test
  void encryptionKeyIsRefused() throws Exception {
    ECKey enc = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION).generate();
    refused(enc.toJSONString(), "use=enc");
  }

  @Test
  void rsaKeyMeantForRs256IsRefused() {
    RSAKey rs256 = new RSAKey.Builder(TestJwts.CLIENT_RSA).algorithm(JWSAlgorithm.RS256).build();
    refused(rs256.toJSONString(), "alg RS256");
  }

  @Test
  void garbageIsRefused() {
    refused("{\"kty\":", "not a JWK");
    refused("{}", "not a JWK");
    assertThrows(IllegalArgumentException.class, () -> ProviderKey.fromPrivateJson("[]"));
  }

  @Test
  void toStringNeverPrintsKeyMaterial() {
    String d = ((ECKey) PROVIDER_ES256.privateJwk()).getD().toString();
    assertFalse(PROVIDER_ES256.toString().contains(d));
    assertTrue(PROVIDER_ES256.toString().contains(PROVIDER_ES256.kid()));
  }

  private static JWSObject signed(ProviderKey key) throws Exception {
    JWSObject jws = new JWSObject(new JWSHeader(key.alg().jws()), new Payload("hello"));
    jws.sign(key.signer());
    return JWSObject.parse(jws.serialize());
  }

  private static void refused(String json, String reasonPart) {
    var e = assertThrows(IllegalArgumentException.class, () -> ProviderKey.fromPrivateJson(json));
    assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
  }
}
