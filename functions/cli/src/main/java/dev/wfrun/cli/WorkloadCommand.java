package dev.wfrun.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wfrun workload}: Workload CRs for built images. */
@Command(name = "workload", description = "Workload CRs for built images.", subcommands = WorkloadCreateCommand.class)
final class WorkloadCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (create)");
  }
}
