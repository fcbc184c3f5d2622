package io.countersign.tenant.bundle;

import java.util.Optional;

/** An agent that may call the gateway with API keys issued to it. */
public record AgentDeclaration(String name, Optional<String> description) {}
