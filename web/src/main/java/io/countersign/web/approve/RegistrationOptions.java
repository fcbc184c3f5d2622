package io.countersign.web.approve;

import io.countersign.ciba.device.Enrolments;
import io.countersign.ciba.device.Passkeys;
import io.countersign.ciba.device.RelyingParty;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.member.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The options of a passkey registration ({@code PublicKeyCredentialCreationOptions}, WebAuthn Level
 * 3, section 5.4) for an approver: a fresh challenge issued to them, a discoverable credential with
 * user verification, no attestation, and their existing passkeys excluded.
 */
@ApplicationScoped
public class RegistrationOptions {

  @Inject Enrolments enrolments;
  @Inject TenantDirectory directory;

  /** Options for {@code approver} to enrol a passkey with {@code rp}. */
  public JsonObject options(String tenant, Member approver, RelyingParty rp) {
    Enrolments.Ceremony ceremony = enrolments.start(tenant, approver, Instant.now());
    JsonArrayBuilder algorithms = Json.createArrayBuilder();
    Passkeys.ALGORITHMS.forEach(
        alg ->
            algorithms.add(Json.createObjectBuilder().add("type", "public-key").add("alg", alg)));
    JsonArrayBuilder exclude = Json.createArrayBuilder();
    ceremony
        .credentials()
        .forEach(
            id -> exclude.add(Json.createObjectBuilder().add("type", "public-key").add("id", id)));
    String name = directory.tenant(tenant).map(t -> t.displayName()).orElse(tenant);
    String userHandle =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(approver.memberId().getBytes(StandardCharsets.UTF_8));
    return Json.createObjectBuilder()
        .add("challenge", ceremony.challenge())
        .add(
            "rp",
            Json.createObjectBuilder().add("id", rp.id()).add("name", "Countersign · " + name))
        .add(
            "user",
            Json.createObjectBuilder()
                .add("id", userHandle)
                .add("name", approver.email())
                .add("displayName", approver.displayName()))
        .add("pubKeyCredParams", algorithms)
        .add("excludeCredentials", exclude)
        .add(
            "authenticatorSelection",
            Json.createObjectBuilder()
                .add("residentKey", "required")
                .add("userVerification", "required"))
        .add("attestation", "none")
        .add("timeout", 120000)
        .build();
  }
}
