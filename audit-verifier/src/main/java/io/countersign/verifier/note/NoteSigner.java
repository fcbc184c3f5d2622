package io.countersign.verifier.note;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;

/** Signs note texts with one Ed25519 key under one key name (for a log: its origin). */
public final class NoteSigner {

  private final VerifierKey verifierKey;
  private final PrivateKey privateKey;

  private NoteSigner(VerifierKey verifierKey, PrivateKey privateKey) {
    this.verifierKey = verifierKey;
    this.privateKey = privateKey;
  }

  /**
   * A signer for an Ed25519 key pair. The pair is checked by signing and verifying a probe, so a
   * private key that does not match its public key fails here rather than in every checkpoint.
   */
  public static NoteSigner ed25519(String name, KeyPair keyPair) {
    VerifierKey verifierKey = VerifierKey.ed25519(name, keyPair.getPublic());
    byte[] probe = ("countersign key check " + name).getBytes(StandardCharsets.UTF_8);
    if (!verifierKey.verify(probe, Ed25519Keys.sign(keyPair.getPrivate(), probe))) {
      throw new IllegalArgumentException("private and public key of " + name + " do not match");
    }
    return new NoteSigner(verifierKey, keyPair.getPrivate());
  }

  /** The Ed25519 signature of {@code text} (which must end in a newline), with this key's ID. */
  public NoteSignature sign(String text) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    byte[] signature = Ed25519Keys.sign(privateKey, text.getBytes(StandardCharsets.UTF_8));
    return new NoteSignature(verifierKey.name(), verifierKey.keyId(), signature);
  }

  /** The key to publish, and for auditors to pin. */
  public VerifierKey verifierKey() {
    return verifierKey;
  }
}
