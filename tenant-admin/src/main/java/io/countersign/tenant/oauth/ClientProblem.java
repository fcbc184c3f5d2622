package io.countersign.tenant.oauth;

/** One reason a client registration is refused, naming the field it concerns. */
public record ClientProblem(ClientField field, String message) {}
