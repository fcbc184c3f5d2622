package io.countersign.tenant.bundle;

import org.yaml.snakeyaml.nodes.Node;

/** A value read from the bundle with where it was written, for problems found later. */
record Located<T>(T value, String path, Node node) {}
