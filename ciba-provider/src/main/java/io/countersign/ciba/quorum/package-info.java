/**
 * N-of-M quorum rules ({@code 1 of security and 2 of db-owners}), who counts toward which group,
 * and the progress of a request toward its quorum.
 */
package io.countersign.ciba.quorum;
