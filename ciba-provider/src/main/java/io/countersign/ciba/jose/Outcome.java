package io.countersign.ciba.jose;

/** A step that either produced a value or found a problem worth a sentence. */
sealed interface Outcome<T> {

  record Ok<T>(T value) implements Outcome<T> {}

  record Problem<T>(String reason) implements Outcome<T> {}
}
