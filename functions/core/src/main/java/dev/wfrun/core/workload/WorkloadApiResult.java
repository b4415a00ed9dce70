package dev.wfrun.core.workload;

import dev.wfrun.api.v1alpha1.Workload;

/**
 * The answer to a Workload API call: 201 created or 200 updated with the Workload, or an error
 * status with a problem title and a detail naming the field or reason.
 */
public record WorkloadApiResult(int status, String title, String detail, Workload workload) {

  static WorkloadApiResult problem(int status, String title, String detail) {
    return new WorkloadApiResult(status, title, detail, null);
  }

  public boolean ok() {
    return status < 300;
  }
}
