package io.countersign.tenant.directory;

/** What authentication needs to know of a stored key and its agent. */
record StoredKey(String agentId, String agentName, String secretHash, boolean usable) {

  @Override
  public String toString() {
    return "StoredKey[" + agentName + ", usable=" + usable + "]";
  }
}
