# wfrun on a cluster that already runs Knative Serving and Eventing (and Argo Workflows).
provider "kubernetes" {
  config_path = "~/.kube/config"
}

variable "github_webhook_secret" {
  type      = string
  sensitive = true
}

module "wfrun" {
  source          = "../.."
  functions_image = "ghcr.io/example/wfrun-functions:0.1.0"
  gateway_image   = "ghcr.io/example/wfrun-gateway:0.1.0"
  webhook_secrets = { github = var.github_webhook_secret }
}

output "gateway_service" {
  value = module.wfrun.gateway_service
}
