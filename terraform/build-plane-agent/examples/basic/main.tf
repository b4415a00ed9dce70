# The cluster agent in a build plane behind a firewall, dialling out to the control plane.
provider "kubernetes" {
  config_path = "~/.kube/build-plane"
}

variable "agent_tls" {
  type = object({
    cert       = string
    key        = string
    gateway_ca = string
  })
  sensitive = true
}

module "agent" {
  source      = "../.."
  gateway_url = "wss://cluster-gateway.example.com:8443"
  plane_id    = "build-eu-1"
  agent_tls   = var.agent_tls
}

output "objects" {
  value = module.agent.objects
}
