/** The audit export an auditor receives, how the log writes it, and how it is verified offline. */
package io.countersign.verifier.export;
