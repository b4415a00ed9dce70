# wfrun on a cluster with Knative Serving and Eventing: the CRDs from crds/ and the manifests from
# knative/ (what `kubectl apply -f crds/ && kubectl apply -k knative/` installs), with the namespace
# and images substituted, plus the Secrets the gateway and functions read.
module "manifests" {
  source                = "./modules/manifests"
  repo_root             = var.repo_root != null ? var.repo_root : "${path.module}/../.."
  namespace             = var.namespace
  functions_image       = var.functions_image
  gateway_image         = var.gateway_image
  cluster_gateway_image = var.cluster_gateway_image
  install_crds          = var.install_crds
}

# for_each over the keys: the objects differ in shape, so they form an object, not a map
resource "kubernetes_manifest" "crd" {
  for_each = toset(keys(module.manifests.crds))
  manifest = module.manifests.crds[each.key]
}

resource "kubernetes_manifest" "namespace" {
  for_each = toset(keys(module.manifests.namespaces))
  manifest = module.manifests.namespaces[each.key]
}

resource "kubernetes_manifest" "wfrun" {
  for_each   = toset(keys(module.manifests.objects))
  manifest   = module.manifests.objects[each.key]
  depends_on = [kubernetes_manifest.crd, kubernetes_manifest.namespace]
}

resource "kubernetes_secret_v1" "webhook_secrets" {
  count = length(var.webhook_secrets) > 0 ? 1 : 0
  metadata {
    name      = "git-webhook-secrets"
    namespace = var.webhook_secret_namespace
  }
  data = { for provider, value in var.webhook_secrets : "${provider}-secret" => value }
}

resource "kubernetes_secret_v1" "commit_status" {
  count = length(var.commit_status_tokens) > 0 ? 1 : 0
  metadata {
    name      = "wfrun-commit-status"
    namespace = var.namespace
  }
  data       = var.commit_status_tokens
  depends_on = [kubernetes_manifest.namespace]
}

# in wfrun-build-planes, the namespace of kubeconfig Secrets that only the build-plane functions may read
resource "kubernetes_secret_v1" "build_plane" {
  count = var.build_plane_kubeconfig != null ? 1 : 0
  metadata {
    name      = "wfrun-build-plane"
    namespace = "wfrun-build-planes"
  }
  data       = { kubeconfig = var.build_plane_kubeconfig }
  depends_on = [kubernetes_manifest.namespace]
}

# the cluster gateway's own certificate, which the agents check with their CA file
resource "kubernetes_secret_v1" "cluster_gateway_tls" {
  count = var.cluster_gateway_tls != null ? 1 : 0
  metadata {
    name      = "wfrun-cluster-gateway-tls"
    namespace = var.namespace
  }
  type       = "kubernetes.io/tls"
  data       = { "tls.crt" = var.cluster_gateway_tls.cert, "tls.key" = var.cluster_gateway_tls.key }
  depends_on = [kubernetes_manifest.namespace]
}
