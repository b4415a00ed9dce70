package dev.wfrun.gateway;

import dev.wfrun.core.webhook.AutoBuild;
import dev.wfrun.core.webhook.GitProvider;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The webhook secrets, from upstream's Secret ({@code openchoreo-control-plane/git-webhook-secrets},
 * keys {@code github-secret}, {@code gitlab-secret}, {@code bitbucket-secret}), watched so a changed
 * Secret applies at once. During a rotation {@code <provider>-secret-previous} is accepted too.
 * Per-Component secrets, which take precedence over the provider-wide ones for that Component, are
 * the keys {@code <namespace>.<component>} (and {@code <namespace>.<component>.previous} while
 * rotating) of {@value #COMPONENT_SECRETS} in the same namespace. Secret values are never logged.
 */
public class WebhookSecretStore implements AutoBuild.Secrets, AutoCloseable {
  public static final String COMPONENT_SECRETS = "wfrun-component-webhook-secrets";
  private final SharedIndexInformer<Secret> informer;
  private final SharedIndexInformer<Secret> components;
  private final InformerSync sync;
  private final String namespace;
  private final String name;

  public WebhookSecretStore(KubernetesClient client, String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
    this.informer = client.secrets().inNamespace(namespace).withName(name).runnableInformer(0);
    this.components = client.secrets().inNamespace(namespace).withName(COMPONENT_SECRETS).runnableInformer(0);
    this.sync = InformerSync.start(informer, components);
  }

  /** Blocks until both Secrets have been read (or found missing). */
  @Override
  public void awaitSynced() {
    sync.await();
  }

  @Override
  public List<String> ofComponent(String componentNamespace, String component) {
    Secret secret = components.getStore().getByKey(namespace + "/" + COMPONENT_SECRETS);
    String key = componentNamespace + "." + component;
    return values(secret, key, key + ".previous");
  }

  @Override
  public boolean anyComponentSecrets() {
    Secret secret = components.getStore().getByKey(namespace + "/" + COMPONENT_SECRETS);
    return secret != null && secret.getData() != null && !secret.getData().isEmpty();
  }

  private static List<String> values(Secret secret, String... keys) {
    List<String> values = new ArrayList<>();
    if (secret == null || secret.getData() == null) {
      return values;
    }
    for (String key : keys) {
      String encoded = secret.getData().get(key);
      if (encoded != null && !encoded.isEmpty()) {
        values.add(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  @Override
  public List<String> of(GitProvider provider) {
    Secret secret = informer.getStore().getByKey(namespace + "/" + name);
    return values(secret, provider.id() + "-secret", provider.id() + "-secret-previous");
  }

  @Override
  public void close() {
    informer.close();
    components.close();
  }
}
