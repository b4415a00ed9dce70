# Offline check of what terraform/build-plane-agent installs (no provider needed):
#   terraform -chdir=terraform/build-plane-agent/tests/offline init -backend=false
#   terraform -chdir=terraform/build-plane-agent/tests/offline apply -auto-approve
# TerraformModulesTest runs it and compares the objects with knative/build-plane/.
module "manifests" {
  source              = "../../../knative/modules/manifests"
  repo_root           = "${path.module}/../../../.."
  manifest_dir        = "knative/build-plane"
  exclude_files       = ["kustomization.yaml", "310-certificate.yaml"]
  namespace           = "ci-agent"
  functions_image     = "wfrun-functions"
  gateway_image       = "wfrun-gateway"
  cluster_agent_image = "registry.test/wfrun-cluster-agent:1"
  agent_gateway_url   = "wss://gw.test:8443"
  agent_plane_id      = "build-eu-1"
  install_crds        = false
}

output "object_keys" {
  value = sort(concat(keys(module.manifests.namespaces), keys(module.manifests.objects)))
}

output "agent_env" {
  value = { for e in module.manifests.objects["Deployment/ci-agent/wfrun-cluster-agent"].spec.template.spec.containers[0].env : e.name => e.value }
}

output "images" {
  value = sort(distinct(flatten([
    for o in values(module.manifests.objects) :
    [for c in try(o.spec.template.spec.containers, []) : c.image]
  ])))
}
