# The wfrun webhook gateway on AWS Lambda, creating WorkflowRuns in an OpenChoreo control plane.
provider "aws" {
  region = "eu-west-1"
}

variable "github_webhook_secret" {
  type      = string
  sensitive = true
}

variable "kubernetes_token" {
  type      = string
  sensitive = true
}

module "gateway" {
  source                      = "../.."
  function_zip                = "${path.module}/../../../../gateway/lambda/target/function.zip"
  webhook_secrets             = { github = var.github_webhook_secret }
  secrets_extension_layer_arn = "arn:aws:lambda:eu-west-1:015030872274:layer:AWS-Parameters-and-Secrets-Lambda-Extension:12"
  kubernetes_api_url          = "https://control-plane.example.com:6443"
  kubernetes_token            = var.kubernetes_token
}

output "webhook_urls" {
  value = module.gateway.webhook_urls
}
