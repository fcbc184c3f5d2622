package io.countersign.ciba.quorum;

/** A quorum rule's text form is wrong; the message names the bad part. */
public final class QuorumSyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String badPart;

  QuorumSyntaxException(String badPart, String message) {
    super(message);
    this.badPart = badPart;
  }

  /** The part of the text that could not be read (possibly empty: the whole text was empty). */
  public String badPart() {
    return badPart;
  }
}
