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
 * Secret values are never logged.
 */
public class WebhookSecretStore implements AutoBuild.Secrets, AutoCloseable {
  private final SharedIndexInformer<Secret> informer;
  private final String namespace;
  private final String name;

  public WebhookSecretStore(KubernetesClient client, String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
    this.informer = client.secrets().inNamespace(namespace).withName(name).inform();
  }

  @Override
  public List<String> of(GitProvider provider) {
    Secret secret = informer.getStore().getByKey(namespace + "/" + name);
    List<String> values = new ArrayList<>();
    if (secret == null || secret.getData() == null) {
      return values;
    }
    for (String key : new String[] {provider.id() + "-secret", provider.id() + "-secret-previous"}) {
      String encoded = secret.getData().get(key);
      if (encoded != null && !encoded.isEmpty()) {
        values.add(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  @Override
  public void close() {
    informer.close();
  }
}
