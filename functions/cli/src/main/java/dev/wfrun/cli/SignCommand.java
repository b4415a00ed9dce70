package dev.wfrun.cli;

import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.WebhookSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wfrun sign}: the headers a provider would send with this payload, for curl. */
@Command(
    name = "sign",
    description = {
      "Print the webhook headers (event, delivery id, signature) for a push payload, one per line,",
      "as curl -H arguments with --curl. GitHub and Bitbucket sign with HMAC-SHA256; GitLab sends the token."
    })
final class SignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--secret", required = true, description = "The webhook secret.")
  String secret;

  @Option(names = "--provider", defaultValue = "github", paramLabel = "PROVIDER",
      description = "Which provider's headers: github, gitlab, bitbucket, gitea or forgejo (default ${DEFAULT-VALUE}).")
  String provider;

  @Option(names = "--curl", description = "Print as curl -H arguments.")
  boolean curl;

  @Parameters(index = "0", paramLabel = "FILE", description = "The payload, exactly as it will be sent.")
  Path file;

  @Override
  public Integer call() throws IOException {
    GitProvider git = GitProviders.byId(provider).orElseThrow(() -> new CliInputException(
        "--provider: unknown provider \"" + provider + "\" (" + GitProviders.ids() + ")"));
    byte[] body;
    try {
      body = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliInputException(file + ": no such file");
    }
    PrintWriter out = spec.commandLine().getOut();
    WebhookSigner.pushHeaders(git, secret, body).forEach((name, value) ->
        out.println(curl ? "-H '" + name + ": " + value + "' \\" : name + ": " + value));
    if (curl) {
      out.println("--data-binary @" + file);
    }
    return 0;
  }
}
