/**
 * The command line an auditor runs: {@code java -jar countersign-audit-verifier.jar --export DIR
 * --key KEY}, where DIR may also be a zip file.
 */
package io.countersign.verifier.cli;
