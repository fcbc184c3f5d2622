package io.countersign.tenant.policy;

import dev.cel.runtime.CelRuntime;

/**
 * A rule ready to evaluate: its program is immutable and thread-safe; {@code when} is the condition
 * as written, told to approvers.
 */
record CompiledRule(String name, String when, CelRuntime.Program condition, RuleAction action) {}
