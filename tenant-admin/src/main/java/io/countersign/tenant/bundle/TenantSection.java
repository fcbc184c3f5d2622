package io.countersign.tenant.bundle;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code tenant: {id, displayName, demo}}. */
final class TenantSection {

  /** A tenant id is the slug in {@code /t/{tenant}/...}: DNS-label-like, 2 to 63 characters. */
  static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  private static final Set<String> FIELDS = Set.of("id", "displayName", "demo");

  private TenantSection() {}

  static Optional<TenantDeclaration> read(YamlMap bundle) {
    if (bundle.required("tenant").isEmpty()) {
      return Optional.empty();
    }
    return bundle.map("tenant", FIELDS).flatMap(TenantSection::declaration);
  }

  private static Optional<TenantDeclaration> declaration(YamlMap tenant) {
    Optional<String> id =
        tenant
            .requiredText(
                "id",
                TENANT_ID,
                "a tenant id (2-63 characters: a-z, 0-9 and '-', not starting with '-')")
            .map(Located::value);
    Optional<String> displayName =
        tenant
            .requiredText("displayName")
            .filter(name -> tenant.fits(name, 200))
            .map(Located::value);
    boolean demo = tenant.bool("demo").orElse(false);
    if (id.isEmpty() || displayName.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TenantDeclaration(id.get(), displayName.get(), demo));
  }
}
