package io.countersign.tenant.agent;

/**
 * A key just issued to an agent. {@code plaintext} is shown once and never stored; {@code prefix}
 * identifies the key afterwards (e.g. to revoke it).
 */
public record IssuedKey(String tenantId, String agentName, String prefix, String plaintext) {

  @Override
  public String toString() {
    return "IssuedKey[" + tenantId + "/" + agentName + ", prefix " + prefix + ", key hidden]";
  }
}
