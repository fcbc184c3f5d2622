package io.countersign.web.audit;

import io.countersign.audit.log.KeySeal;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;

/** Seals the audit log's signing keys with the platform's secret box (AES-256-GCM). */
@ApplicationScoped
public class SecretBoxKeySeal implements KeySeal {

  @Inject SecretBox box;

  @Override
  public String seal(byte[] secret) {
    return box.seal(Base64.getEncoder().encodeToString(secret));
  }

  @Override
  public byte[] open(String sealed) {
    return Base64.getDecoder().decode(box.open(sealed));
  }
}
