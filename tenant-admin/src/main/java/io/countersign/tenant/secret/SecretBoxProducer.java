package io.countersign.tenant.secret;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the platform's {@link SecretBox}: the key comes from {@code countersign.secrets.key}
 * (environment {@code COUNTERSIGN_SECRETS_KEY}, base64 of 32 bytes); without it, from a local key
 * file created on first use, which is fine for a demo and wrong for production.
 */
@ApplicationScoped
public class SecretBoxProducer {

  private static final Logger LOG = Logger.getLogger(SecretBoxProducer.class.getName());

  @Inject
  @ConfigProperty(name = "countersign.secrets.key")
  Optional<String> configuredKey;

  @Inject
  @ConfigProperty(name = "countersign.secrets.key-file")
  Optional<String> keyFile;

  private volatile SecretBox box;

  @Produces
  @Dependent
  public SecretBox secretBox() {
    SecretBox current = box;
    if (current == null) {
      synchronized (this) {
        current = box;
        if (current == null) {
          current = SecretBox.withKey(loadKey());
          box = current;
        }
      }
    }
    return current;
  }

  private byte[] loadKey() {
    Optional<String> key = configuredKey.map(String::trim).filter(k -> !k.isEmpty());
    if (key.isPresent()) {
      return SecretKeys.decode(key.get(), "countersign.secrets.key (COUNTERSIGN_SECRETS_KEY)");
    }
    SecretKeyFile file =
        new SecretKeyFile(keyFile.map(Path::of).orElseGet(SecretKeyFile::defaultPath));
    LOG.warning(
        "countersign.secrets.key is not set: upstream credentials are sealed with the key in "
            + file.path().toAbsolutePath()
            + "; production should set COUNTERSIGN_SECRETS_KEY (openssl rand -base64 32)");
    return file.readOrCreate();
  }
}
