package dev.wfrun.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.commitstatus.CommitStatusClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A git hosting service whose push webhooks start builds: how its deliveries are recognised, verified,
 * read and signed, which hosts it serves, and how a commit status is set there. One implementation per
 * package ({@code webhook.github}, {@code webhook.gitlab}, {@code webhook.bitbucket},
 * {@code webhook.gitea}); {@link GitProviders} lists them, and everything else (the gateway's routes,
 * the CLI, {@code wfrun dev}, the commit-status clients) reads the list from there.
 */
public interface GitProvider {
  /** The lowercase id used in URLs ({@code /autobuild/github}), Secret keys ({@code github-secret}) and metrics. */
  String id();

  /** Whether a delivery without a provider in its URL comes from this provider, judged by its headers. */
  boolean detects(WebhookHeaders headers);

  /** The header that carries the delivery's signature or token. */
  String signatureHeader();

  /** Whether the raw body was signed (or the token sent) with one of {@code secrets}; constant-time. */
  boolean verify(WebhookHeaders headers, byte[] rawBody, List<String> secrets);

  /** Every branch a verified delivery pushes (usually one event; a push of several branches gives several). */
  List<PushEvent> parse(WebhookHeaders headers, JsonNode body);

  /** The headers this provider would send with a push of {@code body}: what {@code wfrun sign} prints. */
  Map<String, String> pushHeaders(String secret, byte[] body, String delivery);

  /** Whether repositories on {@code host} belong to this provider (false for self-hosted services). */
  boolean hosts(String host);

  /** Where its commit-status API is when none is configured (empty: it must be configured). */
  Optional<String> defaultApiUrl();

  /** A client that sets commit statuses at {@code apiUrl} with {@code token}; empty when not supported. */
  Optional<CommitStatusClient> commitStatusClient(String apiUrl, String token);
}
