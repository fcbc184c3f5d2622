package io.countersign.tenant.bundle;

import io.countersign.tenant.RecordingEvent;
import io.countersign.tenant.secret.SecretBox;
import jakarta.persistence.EntityManager;

/** Lets tests in other packages run an import without a CDI container. */
public final class BundleImporterAccess {

  private BundleImporterAccess() {}

  public static ImportReport importBundle(EntityManager em, SecretBox box, TenantBundle bundle) {
    BundleImporter importer = new BundleImporter();
    importer.em = em;
    importer.secretBox = box;
    importer.tenantChanged = new RecordingEvent<>();
    return importer.importBundle(bundle);
  }
}
