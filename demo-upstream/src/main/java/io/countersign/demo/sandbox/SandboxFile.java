package io.countersign.demo.sandbox;

/**
 * A text file read from the sandbox.
 *
 * @param path the path relative to the sandbox, with '/' separators
 * @param size the size in bytes
 */
public record SandboxFile(String path, long size, String content) {}
