# Offline check of what terraform/knative installs (no provider needed):
#   terraform -chdir=terraform/knative/tests/offline init -backend=false
#   terraform -chdir=terraform/knative/tests/offline apply -auto-approve
# TerraformModulesTest runs it and compares the objects with knative/.
module "manifests" {
  source          = "../../modules/manifests"
  repo_root       = "${path.module}/../../../.."
  namespace       = "ci-wfrun"
  functions_image = "registry.test/wfrun-functions:1"
  gateway_image   = "registry.test/wfrun-gateway:1"
}

output "object_keys" {
  value = sort(concat(keys(module.manifests.namespaces), keys(module.manifests.objects)))
}

output "crd_names" {
  value = sort([for c in values(module.manifests.crds) : c.metadata.name])
}

output "images" {
  value = sort(distinct(flatten([
    for o in values(module.manifests.objects) :
    [for c in try(o.spec.template.spec.containers, []) : c.image]
  ])))
}
