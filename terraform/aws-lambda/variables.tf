variable "name" {
  description = "Name of the function, API, role, log group and secret."
  type        = string
  default     = "wfrun-gateway"
}

variable "function_zip" {
  description = "The packaged gateway: gateway/lambda/target/function.zip (mvn -B -pl gateway/lambda -am package)."
  type        = string
}

variable "runtime" {
  description = "Lambda Java runtime."
  type        = string
  default     = "java21"
}

variable "memory_mb" {
  description = "Function memory (CPU scales with it; 1024 keeps cold starts short)."
  type        = number
  default     = 1024
}

variable "timeout_seconds" {
  description = "Function timeout; providers give up after 10 s, the gateway answers within 1.5 s."
  type        = number
  default     = 15
}

variable "webhook_secrets" {
  description = "Webhook secrets by provider (github, gitlab, bitbucket, gitea, forgejo; <provider>-previous while rotating), stored in Secrets Manager."
  type        = map(string)
  sensitive   = true

  validation {
    condition     = length(var.webhook_secrets) > 0 && alltrue([for k in keys(var.webhook_secrets) : contains(["github", "gitlab", "bitbucket", "gitea", "forgejo", "github-previous", "gitlab-previous", "bitbucket-previous", "gitea-previous", "forgejo-previous"], k)])
    error_message = "webhook_secrets needs at least one of github, gitlab, bitbucket, gitea, forgejo (or <provider>-previous)."
  }
}

variable "secrets_extension_layer_arn" {
  description = "ARN of the AWS Parameters and Secrets Lambda Extension layer for your region (see the AWS docs for the current version)."
  type        = string
}

variable "kubernetes_api_url" {
  description = "URL of the OpenChoreo control plane's Kubernetes API, where the gateway creates WorkflowRuns."
  type        = string
}

variable "kubernetes_token" {
  description = "Token of a ServiceAccount that may only create WorkflowRuns and read Components/Workflows (knative/200-rbac.yaml: wfrun-gateway)."
  type        = string
  sensitive   = true
}

variable "kubernetes_ca_cert" {
  description = "PEM CA certificate of the Kubernetes API (null: the system trust store)."
  type        = string
  default     = null
}

variable "log_retention_days" {
  description = "CloudWatch log retention."
  type        = number
  default     = 14
}

variable "rate_limit_per_second" {
  description = "Per-repository webhook rate (wfrun.gateway.rate-limit.per-second)."
  type        = number
  default     = 5
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
