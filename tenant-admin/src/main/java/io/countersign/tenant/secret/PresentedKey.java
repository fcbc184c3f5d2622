package io.countersign.tenant.secret;

/** An API key split into its public prefix (the lookup index) and its secret part. */
public record PresentedKey(String prefix, String secret) {

  /** The key as the agent sends it: {@code cs_<prefix>_<secret>}. */
  public String plaintext() {
    return ApiKeys.SCHEME + "_" + prefix + "_" + secret;
  }

  /** The hex SHA-256 of the secret part, as stored. */
  public String secretHash() {
    return ApiKeys.hash(secret);
  }

  @Override
  public String toString() {
    return "PresentedKey[" + prefix + ", secret hidden]";
  }
}
