package dev.wfrun.core.workload;

/** A workload descriptor ({@code workload.yaml}) that cannot become a Workload; the message names the field. */
public class WorkloadDescriptorException extends RuntimeException {
  public WorkloadDescriptorException(String message) {
    super(message);
  }

  public WorkloadDescriptorException(String message, Throwable cause) {
    super(message, cause);
  }
}
