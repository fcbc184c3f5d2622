package io.countersign.audit.log;

/**
 * Seals the log's private signing keys at rest (the platform's AES-256-GCM secret box in the
 * server). A seam, because the key that seals them belongs to the platform, not to the log.
 */
public interface KeySeal {

  String seal(byte[] secret);

  byte[] open(String sealed);
}
