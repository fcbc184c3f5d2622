package io.countersign.tenant.agent;

import io.countersign.tenant.TenantChanged;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

/** Lets tests in other packages use the key service without a CDI container. */
public final class AgentKeyServiceAccess {

  private AgentKeyServiceAccess() {}

  public static AgentKeyService with(EntityManager em, Event<TenantChanged> events) {
    AgentKeyService service = new AgentKeyService();
    service.em = em;
    service.tenantChanged = events;
    return service;
  }
}
