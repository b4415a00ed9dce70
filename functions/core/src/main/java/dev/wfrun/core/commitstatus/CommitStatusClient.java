package dev.wfrun.core.commitstatus;

import java.io.IOException;

/** Sets a commit status at one git provider. */
public interface CommitStatusClient {
  void set(String repositoryUrl, String commit, CommitStatus status) throws IOException;
}
