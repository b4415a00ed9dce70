# The build-plane side of a plane behind a firewall: the cluster agent of knative/build-plane/ (what
# `kubectl apply -k knative/build-plane` installs) with your namespace, image, gateway URL and plane
# ID, and its TLS Secret (from variables, or from cert-manager with use_cert_manager).
module "manifests" {
  source              = "../knative/modules/manifests"
  repo_root           = var.repo_root != null ? var.repo_root : "${path.module}/../.."
  manifest_dir        = "knative/build-plane"
  exclude_files       = var.use_cert_manager ? ["kustomization.yaml"] : ["kustomization.yaml", "310-certificate.yaml"]
  namespace           = var.namespace
  functions_image     = "wfrun-functions"
  gateway_image       = "wfrun-gateway"
  cluster_agent_image = var.cluster_agent_image
  agent_gateway_url   = var.gateway_url
  agent_plane_id      = var.plane_id
  install_crds        = false
}

resource "kubernetes_manifest" "namespace" {
  for_each = toset(keys(module.manifests.namespaces))
  manifest = module.manifests.namespaces[each.key]
}

resource "kubernetes_manifest" "agent" {
  for_each   = toset(keys(module.manifests.objects))
  manifest   = module.manifests.objects[each.key]
  depends_on = [kubernetes_manifest.namespace]
}

# the agent's client certificate and the cluster gateway's CA, when cert-manager does not issue them
resource "kubernetes_secret_v1" "agent_tls" {
  count = var.agent_tls != null ? 1 : 0
  metadata {
    name      = "wfrun-cluster-agent-tls"
    namespace = var.namespace
  }
  type = "kubernetes.io/tls"
  data = {
    "tls.crt" = var.agent_tls.cert
    "tls.key" = var.agent_tls.key
    "ca.crt"  = var.agent_tls.gateway_ca
  }
  depends_on = [kubernetes_manifest.namespace]
  lifecycle {
    precondition {
      condition     = !var.use_cert_manager
      error_message = "agent_tls and use_cert_manager both set: cert-manager writes the Secret wfrun-cluster-agent-tls itself; set one of them."
    }
  }
}
