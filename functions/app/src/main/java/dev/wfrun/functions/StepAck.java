package dev.wfrun.functions;

import dev.wfrun.core.cluster.StepResult;

/** A function's reply: what it acted on and what it did. */
public record StepAck(String function, String subject, String result, String detail, String reason) {
  static StepAck of(String function, Object subject, StepResult result) {
    return new StepAck(function, String.valueOf(subject), result.kind().name(), result.detail(),
        result.reason());
  }
}
