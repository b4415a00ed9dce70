variable "repo_root" {
  description = "Path to the wfrun checkout whose crds/ and knative/ are installed."
  type        = string
  default     = null
}

variable "namespace" {
  description = "Namespace for the functions, gateway, Broker, sources and triggers (replaces wfrun-system)."
  type        = string
  default     = "wfrun-system"
}

variable "functions_image" {
  description = "Image of the functions app (mvn -pl functions/app package -Dquarkus.container-image.push=true)."
  type        = string
}

variable "gateway_image" {
  description = "Image of the webhook gateway."
  type        = string
}

variable "webhook_secret_namespace" {
  description = "Namespace of upstream's webhook Secret git-webhook-secrets, which the gateway reads."
  type        = string
  default     = "openchoreo-control-plane"
}

variable "webhook_secrets" {
  description = "Webhook secrets by provider: github, gitlab, bitbucket, gitea, forgejo (and <provider>-previous while rotating). Leave empty to manage the Secret elsewhere."
  type        = map(string)
  default     = {}
  sensitive   = true

  validation {
    condition     = alltrue([for k in keys(var.webhook_secrets) : contains(["github", "gitlab", "bitbucket", "gitea", "forgejo", "github-previous", "gitlab-previous", "bitbucket-previous", "gitea-previous", "forgejo-previous"], k)])
    error_message = "webhook_secrets keys must be github, gitlab, bitbucket, gitea, forgejo or <provider>-previous."
  }
}

variable "commit_status_tokens" {
  description = "Optional commit-status tokens for report-status: github-token, gitlab-token."
  type        = map(string)
  default     = {}
  sensitive   = true
}

variable "build_plane_kubeconfig" {
  description = "Kubeconfig of a separate build-plane cluster (null: the build plane is this cluster)."
  type        = string
  default     = null
  sensitive   = true
}

variable "install_crds" {
  description = "Install the openchoreo.dev CRDs from crds/ (false when OpenChoreo already installed them)."
  type        = bool
  default     = true
}

variable "cluster_gateway_image" {
  description = "The cluster gateway's image (build planes behind a firewall dial it through their cluster agents)."
  type        = string
  default     = "ghcr.io/wfrun/wfrun-cluster-gateway:0.1.0-SNAPSHOT"
}

variable "cluster_gateway_tls" {
  description = "The cluster gateway's TLS certificate and key (PEM) for the agents' listener; the Secret wfrun-cluster-gateway-tls. Null: create it yourself (e.g. with cert-manager)."
  type = object({
    cert = string
    key  = string
  })
  default   = null
  sensitive = true
}
