package io.countersign.ciba.provider;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.countersign.ciba.AuthReqId;
import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.NewApprovalRequest;
import io.countersign.ciba.binding.BindingMessage;
import io.countersign.ciba.binding.BindingMessageCheck;
import io.countersign.ciba.details.McpToolCall;
import io.countersign.ciba.details.McpToolCallValidator;
import io.countersign.ciba.details.Validation;
import io.countersign.ciba.jose.SignedRequestCheck;
import io.countersign.ciba.jose.SignedRequestVerifier;
import io.countersign.ciba.store.ApprovalStore;
import io.countersign.ciba.store.CallbackAddress;
import io.countersign.ciba.store.JtiRegister;
import io.countersign.ciba.store.StoredApproval;
import io.countersign.tenant.ApprovalExpiry;
import io.countersign.tenant.directory.TenantStore;
import io.countersign.tenant.member.MemberAccounts;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.oauth.OAuthGrant;
import io.countersign.tenant.oauth.RegisteredClient;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The backchannel authentication endpoint (CIBA Core 1.0, section 7): authenticates the client,
 * checks every parameter (or the signed request carrying them), opens the approval request and its
 * audit entry in one transaction, and acknowledges with a fresh {@code auth_req_id}.
 */
@ApplicationScoped
public class BackchannelAuthentication {

  /** CIBA Core 1.0, section 7.1: the client notification token is at most 1024 characters. */
  static final int MAX_NOTIFICATION_TOKEN = 1024;

  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  @Inject ClientAuthenticator authenticator;
  @Inject HintResolver hints;
  @Inject MemberAccounts members;
  @Inject JtiRegister jtis;
  @Inject ApprovalStore store;
  @Inject ApprovalAudit audit;
  @Inject ProviderSettings settings;
  @Inject SecretBox box;
  @Inject TenantStore tenants;

  /**
   * @param issuer the tenant's issuer identifier
   * @param endpoint this endpoint's URL (an accepted client assertion audience)
   */
  @Transactional
  public Acknowledgement handle(
      String tenantId, String issuer, String endpoint, HTTPRequest http, Instant now) {
    ClientCheck check = authenticator.authenticate(tenantId, http, Set.of(issuer, endpoint), now);
    if (check instanceof ClientCheck.Failed failed) {
      return new Acknowledgement.Refused(failed.error());
    }
    RegisteredClient client = ((ClientCheck.Authenticated) check).client();
    if (!client.may(OAuthGrant.CIBA)) {
      return refused(ProviderError.unauthorizedClient("this client may not use the CIBA grant"));
    }
    Map<String, List<String>> parameters = FormBody.parameters(http);
    Optional<String> clientIdParameter = FormBody.single(parameters, "client_id");
    if (clientIdParameter.isPresent() && !clientIdParameter.get().equals(client.clientId())) {
      // ciba.md, trap 1: clients send client_id in the body too; it must be the same client
      return refused(
          ProviderError.invalidRequest("client_id does not match the authenticated client"));
    }
    Optional<String> request = FormBody.single(parameters, "request");
    if (request.isPresent()) {
      SignedRequestCheck signed = verifySigned(client, request.get(), issuer, now);
      if (signed instanceof SignedRequestCheck.Refused refused) {
        return refused(ProviderError.invalidRequest(refused.description()));
      }
      SignedRequestCheck.Verified verified = (SignedRequestCheck.Verified) signed;
      if (!jtis.firstUse(tenantId, client.clientId(), verified.jti(), verified.expiresAt())) {
        return refused(
            ProviderError.invalidRequest(
                "signed request replayed: jti '" + verified.jti() + "' was already used"));
      }
      parameters = verified.parameters();
    } else if (client.requestSigningAlg().isPresent() || client.fapi()) {
      return refused(
          ProviderError.invalidRequest(
              "this client must send its parameters as a signed request object (request)"));
    }
    return open(tenantId, issuer, client, parameters, now);
  }

  private SignedRequestCheck verifySigned(
      RegisteredClient client, String request, String issuer, Instant now) {
    JWKSet keys;
    try {
      keys = JWKSet.parse(client.jwks().orElse("{\"keys\":[]}"));
    } catch (ParseException e) {
      return new SignedRequestCheck.Refused("the client's registered keys cannot be read");
    }
    Set<JWSAlgorithm> algs =
        client
            .requestSigningAlg()
            .map(alg -> Set.of(JWSAlgorithm.parse(alg)))
            .orElse(ClientAuthenticator.ASSERTION_ALGS);
    return SignedRequestVerifier.verify(
        request, client.clientId(), issuer, keys, algs, client.fapi(), now);
  }

  private Acknowledgement open(
      String tenantId,
      String issuer,
      RegisteredClient client,
      Map<String, List<String>> parameters,
      Instant now) {
    Optional<String> scope = FormBody.single(parameters, "scope");
    if (scope.isEmpty() || !Arrays.asList(scope.get().split(" ")).contains("openid")) {
      // ciba.md, trap 2: CIBA Core 1.0, section 7.1 makes openid REQUIRED in scope
      return refused(ProviderError.invalidScope("scope must contain openid"));
    }
    if (FormBody.single(parameters, "user_code").isPresent()) {
      return refused(
          ProviderError.invalidRequest(
              "user_code is not supported (backchannel_user_code_parameter_supported is false)"));
    }
    Optional<String> notificationToken = FormBody.single(parameters, "client_notification_token");
    DeliveryMode mode = client.deliveryMode().orElse(DeliveryMode.POLL);
    if (mode.notifies()) {
      if (notificationToken.isEmpty()) {
        return refused(
            ProviderError.invalidRequest(
                mode.word() + " clients must send client_notification_token"));
      }
      if (notificationToken.get().length() > MAX_NOTIFICATION_TOKEN
          || !B64TOKEN.matcher(notificationToken.get()).matches()) {
        return refused(
            ProviderError.invalidRequest(
                "client_notification_token must be a bearer credential (RFC 6750, section 2.1)"
                    + " of at most 1024 characters"));
      }
    }
    Optional<BindingMessage> bindingMessage = Optional.empty();
    Optional<String> rawBinding = FormBody.single(parameters, "binding_message");
    if (rawBinding.isPresent()) {
      BindingMessageCheck bindingCheck = BindingMessage.check(rawBinding.get());
      if (bindingCheck instanceof BindingMessageCheck.Invalid invalidBinding) {
        return refused(ProviderError.invalidBindingMessage(invalidBinding.describe()));
      }
      bindingMessage = Optional.of(((BindingMessageCheck.Valid) bindingCheck).message());
    }
    Optional<Duration> expiresIn = expiry(parameters, tenants.approvalExpiry(tenantId));
    if (expiresIn.isEmpty()) {
      return refused(
          ProviderError.invalidRequest(
              "requested_expiry must be a positive whole number of seconds"));
    }
    Optional<String> detailsJson = FormBody.single(parameters, "authorization_details");
    if (detailsJson.isEmpty()) {
      return refused(
          ProviderError.invalidRequest(
              "authorization_details with one mcp_tool_call entry are required: this provider"
                  + " approves tool calls"));
    }
    Validation<McpToolCall> details =
        McpToolCallValidator.validateAuthorizationDetails(detailsJson.get());
    if (details instanceof Validation.Invalid<McpToolCall> invalid) {
      return refused(
          ProviderError.invalidAuthorizationDetails(
              invalid.problems().stream()
                  .map(Object::toString)
                  .reduce((a, b) -> a + "; " + b)
                  .orElse("invalid")));
    }
    McpToolCall call = ((Validation.Valid<McpToolCall>) details).value();
    if (!call.tenant().equals(tenantId)) {
      return refused(
          ProviderError.invalidAuthorizationDetails(
              "the call belongs to tenant '" + call.tenant() + "', not to this issuer's"));
    }
    for (String group : call.quorum().groupNames()) {
      if (members.approvers(tenantId, group).isEmpty()) {
        return refused(
            ProviderError.invalidAuthorizationDetails(
                "the quorum names approver group '" + group + "', which has no members here"));
      }
    }
    for (String group : call.followUp().groupNames()) {
      if (members.approvers(tenantId, group).isEmpty()) {
        return refused(
            ProviderError.invalidAuthorizationDetails(
                "the escalation names approver group '" + group + "', which has no members here"));
      }
    }
    HintResolver.Resolution hint = hints.resolve(tenantId, parameters, call.quorum(), client, now);
    if (hint instanceof HintResolver.Unresolved unresolved) {
      return refused(unresolved.error());
    }
    Optional<String> requester = FormBody.single(parameters, "requester");
    if (requester.isPresent() && members.member(tenantId, requester.get()).isEmpty()) {
      return refused(ProviderError.unknownUserId("requester names no member of this tenant"));
    }
    AuthReqId authReqId = AuthReqId.generate();
    ApprovalRequest opened =
        ApprovalRequest.open(
            new NewApprovalRequest(
                UUID.randomUUID(),
                client.clientId(),
                requester.map(r -> members.member(tenantId, r).get().email()),
                call,
                bindingMessage,
                expiresIn.get()),
            now);
    int interval = (int) settings.pollInterval().toSeconds();
    store.insert(
        new StoredApproval(
            opened.snapshot(),
            authReqId.sha256(),
            interval,
            Optional.of(now),
            notificationToken
                .filter(t -> mode.notifies())
                .map(t -> box.seal(new CallbackAddress(t, authReqId.value(), issuer).toJson())),
            scope.get()));
    audit.record(opened);
    return new Acknowledgement.Accepted(
        authReqId.value(),
        expiresIn.get().toSeconds(),
        mode == DeliveryMode.PUSH ? Optional.empty() : Optional.of(interval));
  }

  /**
   * {@code requested_expiry} bounded by the tenant's maximum (else the platform's), or the tenant's
   * default (else the platform's); empty when malformed.
   */
  private Optional<Duration> expiry(Map<String, List<String>> parameters, ApprovalExpiry tenant) {
    Duration max = tenant.maxExpiry().orElse(settings.maxExpiry());
    Optional<String> requested = FormBody.single(parameters, "requested_expiry");
    if (requested.isEmpty()) {
      Duration byDefault = tenant.defaultExpiry().orElse(settings.defaultExpiry());
      return Optional.of(byDefault.compareTo(max) > 0 ? max : byDefault);
    }
    try {
      long seconds = Long.parseLong(requested.get());
      if (seconds <= 0) {
        return Optional.empty();
      }
      Duration asked = Duration.ofSeconds(seconds);
      return Optional.of(asked.compareTo(max) > 0 ? max : asked);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Acknowledgement refused(com.nimbusds.oauth2.sdk.ErrorObject error) {
    return new Acknowledgement.Refused(error);
  }
}
