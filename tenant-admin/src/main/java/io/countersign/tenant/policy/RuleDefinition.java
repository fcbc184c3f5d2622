package io.countersign.tenant.policy;

/** One rule as written: a name, a CEL condition ({@code when}) and the action when it holds. */
public record RuleDefinition(String name, String when, RuleAction action) {}
