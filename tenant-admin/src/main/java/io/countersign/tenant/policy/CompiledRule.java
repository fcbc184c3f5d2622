package io.countersign.tenant.policy;

import dev.cel.runtime.CelRuntime;

/** A rule ready to evaluate: its program is immutable and thread-safe. */
record CompiledRule(String name, CelRuntime.Program condition, RuleAction action) {}
