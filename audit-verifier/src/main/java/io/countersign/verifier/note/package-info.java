/** C2SP signed notes and tlog-checkpoints, signed and verified with the JDK's Ed25519. */
package io.countersign.verifier.note;
