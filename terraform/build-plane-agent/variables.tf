variable "repo_root" {
  description = "Path to the wfrun checkout (default: the one holding this module)."
  type        = string
  default     = null
}

variable "namespace" {
  description = "Namespace of the agent and its ServiceAccount (replaces wfrun-system)."
  type        = string
  default     = "wfrun-system"
}

variable "cluster_agent_image" {
  description = "Image of gateway/cluster-agent."
  type        = string
  default     = "ghcr.io/wfrun/wfrun-cluster-agent:0.1.0-SNAPSHOT"
}

variable "gateway_url" {
  description = "The control plane's cluster gateway, as the agent dials it (wss://host:port)."
  type        = string
  validation {
    condition     = can(regex("^wss?://[^/\\s]+", var.gateway_url))
    error_message = "gateway_url must be a ws:// or wss:// URL, e.g. wss://cluster-gateway.example.com:8443."
  }
}

variable "plane_id" {
  description = "The plane's spec.planeID (or its name) in the control plane; the gateway accepts the agent for this plane only."
  type        = string
  default     = "default"
  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.plane_id))
    error_message = "plane_id must be a DNS subdomain (lower case letters, digits, '-' and '.', at most 253 characters)."
  }
}

variable "use_cert_manager" {
  description = "Let cert-manager issue the agent's certificate (knative/build-plane/310-certificate.yaml); cert-manager must be installed."
  type        = bool
  default     = false
}

variable "agent_tls" {
  description = "The agent's client certificate and key and the gateway's CA (PEM), when cert-manager does not issue them."
  type = object({
    cert       = string
    key        = string
    gateway_ca = string
  })
  default   = null
  sensitive = true
}
