package io.countersign.ciba.device;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import java.util.Base64;
import java.util.List;

/**
 * Verifies passkey registrations and assertions (W3C WebAuthn Level 2, with webauthn4j): the
 * origin, the RP ID, the challenge, user presence and user verification, the signature, and the
 * signature counter. Nothing here touches storage; every answer is a value.
 */
@jakarta.enterprise.context.ApplicationScoped
public class Passkeys {

  /** The algorithms the app asks authenticators for, in order of preference. */
  public static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

  private final ObjectConverter converter = new ObjectConverter();
  private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
  private final AttestedCredentialDataConverter credentials =
      new AttestedCredentialDataConverter(converter);

  /** A verified new passkey: what to store about it. */
  public record NewPasskey(
      String credentialId, String publicKeyCose, String credentialRecord, long signCount) {}

  /** A verified assertion: what was signed, as the authenticator sent it, base64url. */
  public record Assertion(
      String credentialId,
      String authenticatorData,
      String clientDataJson,
      String signature,
      long signCount) {}

  /** The answer of a verification: the value, or why it was refused. */
  public sealed interface Checked<T> {}

  public record Verified<T>(T value) implements Checked<T> {}

  public record Refused<T>(String reason) implements Checked<T> {}

  /** Verifies a registration response ({@code PublicKeyCredential} JSON) for {@code challenge}. */
  public Checked<NewPasskey> register(String responseJson, RelyingParty rp, String challenge) {
    try {
      RegistrationData data = manager.parseRegistrationResponseJSON(responseJson);
      manager.verify(
          data,
          new RegistrationParameters(
              server(rp, challenge),
              ALGORITHMS.stream()
                  .map(
                      alg ->
                          new PublicKeyCredentialParameters(
                              PublicKeyCredentialType.PUBLIC_KEY,
                              COSEAlgorithmIdentifier.create(alg)))
                  .toList(),
              true,
              true));
      AttestedCredentialData attested =
          data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
      return new Verified<>(
          new NewPasskey(
              B64URL.encodeToString(attested.getCredentialId()),
              B64URL.encodeToString(
                  converter.getCborConverter().writeValueAsBytes(attested.getCOSEKey())),
              B64URL.encodeToString(credentials.convert(attested)),
              data.getAttestationObject().getAuthenticatorData().getSignCount()));
    } catch (VerificationException | DataConversionException | IllegalArgumentException e) {
      return new Refused<>(reason("the passkey registration", e));
    }
  }

  /** The credential id an assertion response names, or empty when it cannot be read. */
  public java.util.Optional<String> credentialId(String responseJson) {
    try {
      return java.util.Optional.of(
          B64URL.encodeToString(
              manager.parseAuthenticationResponseJSON(responseJson).getCredentialId()));
    } catch (DataConversionException | IllegalArgumentException | NullPointerException e) {
      return java.util.Optional.empty();
    }
  }

  /** The challenge an assertion response's client data names, or empty when unreadable. */
  public java.util.Optional<String> challengeOf(String responseJson) {
    try {
      return java.util.Optional.of(
          B64URL.encodeToString(
              manager
                  .parseAuthenticationResponseJSON(responseJson)
                  .getCollectedClientData()
                  .getChallenge()
                  .getValue()));
    } catch (DataConversionException | IllegalArgumentException | NullPointerException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Verifies an assertion response made with the stored credential for {@code challenge}; the
   * signature counter must grow unless the authenticator keeps none (both zero).
   */
  public Checked<Assertion> assertion(
      String responseJson,
      RelyingParty rp,
      String challenge,
      String credentialRecord,
      long signCount) {
    try {
      AuthenticationData data = manager.parseAuthenticationResponseJSON(responseJson);
      AttestedCredentialData attested =
          credentials.convert(B64URL_DECODER.decode(credentialRecord));
      CredentialRecordImpl record =
          new CredentialRecordImpl(
              new NoneAttestationStatement(),
              null,
              null,
              null,
              signCount,
              attested,
              null,
              null,
              null,
              null);
      manager.verify(
          data,
          new AuthenticationParameters(
              server(rp, challenge), record, List.of(attested.getCredentialId()), true, true));
      return new Verified<>(
          new Assertion(
              B64URL.encodeToString(data.getCredentialId()),
              B64URL.encodeToString(data.getAuthenticatorDataBytes()),
              B64URL.encodeToString(data.getCollectedClientDataBytes()),
              B64URL.encodeToString(data.getSignature()),
              data.getAuthenticatorData().getSignCount()));
    } catch (VerificationException | DataConversionException | IllegalArgumentException e) {
      return new Refused<>(reason("the device assertion", e));
    }
  }

  private static ServerProperty server(RelyingParty rp, String challenge) {
    return ServerProperty.builder()
        .origin(new Origin(rp.origin()))
        .rpId(rp.id())
        .challenge(new DefaultChallenge(B64URL_DECODER.decode(challenge)))
        .build();
  }

  /** A reason fit for a problem answer: which check failed, never key material. */
  private static String reason(String what, Exception e) {
    String check = e.getClass().getSimpleName().replaceAll("Exception$", "");
    String words = check.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    return what + " does not verify (" + words + ")";
  }
}
