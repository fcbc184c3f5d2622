package io.countersign.web.approve;

import io.countersign.ciba.device.ApproverDevices;
import io.countersign.tenant.member.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Optional;
import java.util.UUID;

/** The signed-in approver as the app shows them: who they are and their devices. */
@ApplicationScoped
public class ApproverAccount {

  @Inject ApproverDevices devices;

  /** {@code approver}'s account; {@code device}: the passkey this session signed in with. */
  public JsonObject of(String tenant, Member approver, Optional<UUID> device) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    devices.list(tenant, Optional.of(approver.memberId())).forEach(d -> list.add(DeviceJson.of(d)));
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("tenant", tenant)
            .add("email", approver.email())
            .add("display_name", approver.displayName())
            .add("devices", list);
    device.ifPresent(d -> json.add("signed_in_with", d.toString()));
    return json.build();
  }
}
