package io.countersign.tenant.summary;

/** What is wrong with a summary template, at {@code column} (1-based) of its text. */
public record TemplateProblem(int column, String message) {}
