package io.countersign.tenant.bundle;

import java.net.URI;
import java.time.Duration;

/** An upstream MCP server; {@code name} namespaces its tools ({@code <name>__<tool>}). */
public record UpstreamDeclaration(
    String name,
    URI url,
    UpstreamCredentials credentials,
    Duration connectTimeout,
    Duration readTimeout) {}
