/**
 * The command line an auditor runs: {@code java -jar countersign-audit-verifier.jar --export DIR
 * --key KEY}.
 */
package io.countersign.verifier.cli;
