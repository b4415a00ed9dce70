package dev.wfrun.cli;

import dev.wfrun.core.render.RenderException;
import dev.wfrun.core.resolve.WorkflowNotFoundException;
import dev.wfrun.core.schema.SchemaException;
import dev.wfrun.core.template.TemplateException;
import dev.wfrun.core.yaml.ManifestException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wfrun}: render, check and test OpenChoreo Workflows and WorkflowRuns without a cluster.
 * Exit codes: 0 success, 1 failed checks or tests, 2 bad input (one line naming the file, the
 * path and the reason), 3 internal error.
 */
@Command(
    name = "wfrun",
    mixinStandardHelpOptions = true,
    versionProvider = WfrunCommand.Version.class,
    description = "Render, validate and test OpenChoreo Workflows and WorkflowRuns; run the whole system locally.",
    subcommands = {RenderCommand.class, SchemaCommand.class, ValidateCommand.class, TestCommand.class,
      DevCommand.class, SignCommand.class, WorkloadCommand.class, RunsCommand.class, LogsCommand.class,
      CancelCommand.class, RerunCommand.class, GetCommand.class, WaitCommand.class, RunCommand.class,
      BuildCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success", "1:failed checks or tests", "2:bad input (file, path and reason on one line)", "3:internal error"
    })
public final class WfrunCommand implements Runnable {
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int INTERNAL = 3;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (render, schema, validate, test, dev, sign, workload)");
  }

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs {@code wfrun} with these arguments and streams; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    WfrunCommand root = new WfrunCommand();
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      boolean badInput = e instanceof CliInputException || e instanceof ManifestException
          || e instanceof RenderException || e instanceof SchemaException || e instanceof TemplateException
          || e instanceof WorkflowNotFoundException || e instanceof IllegalArgumentException
          || e instanceof dev.wfrun.dev.DevException
          || e instanceof dev.wfrun.core.workload.WorkloadDescriptorException;
      String prefix = commandLine.getCommandSpec().qualifiedName() + ": ";
      if (badInput) {
        String message = String.valueOf(e.getMessage());
        for (String line : message.split("\n")) {
          err.println(prefix + line);
        }
      } else {
        err.println(prefix + "internal error: " + e + (root.verbose ? "" : " (run with --verbose for details)"));
      }
      if (root.verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return badInput ? BAD_INPUT : INTERNAL;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = WfrunCommand.class.getPackage().getImplementationVersion();
      return new String[] {"wfrun " + (version == null ? "dev" : version)};
    }
  }
}
