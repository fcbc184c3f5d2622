/** RFC 9162 Merkle trees: leaf and node hashing, roots, inclusion and consistency proofs. */
package io.countersign.verifier.merkle;
