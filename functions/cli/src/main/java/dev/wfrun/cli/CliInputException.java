package dev.wfrun.cli;

/** The user's files cannot be used as given; the message says which file, where and why. */
final class CliInputException extends RuntimeException {
  CliInputException(String message) {
    super(message);
  }
}
