package io.countersign.audit.jpa;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditLog;
import io.countersign.audit.AuditReceipt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Appends entries in the caller's transaction ({@code MANDATORY}: an append outside a transaction
 * is a programming error, since the entry must commit with the state change it records).
 */
@ApplicationScoped
public class JpaAuditLog implements AuditLog {

  @PersistenceContext(unitName = "countersign")
  EntityManager entityManager;

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public AuditReceipt append(AuditEvent event) {
    var entry = AuditEntry.of(event);
    entityManager.persist(entry);
    entityManager.flush();
    return new AuditReceipt(entry.id());
  }
}
