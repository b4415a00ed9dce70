# The objects of crds/ and knative/, decoded, with the namespace and images substituted. Built-ins
# only (no provider), so it can be checked offline: see ../../tests/offline.
variable "repo_root" {
  description = "Path to the wfrun checkout."
  type        = string
}

variable "namespace" {
  description = "Replaces wfrun-system."
  type        = string
}

variable "functions_image" {
  description = "Replaces the wfrun-functions image name."
  type        = string
}

variable "gateway_image" {
  description = "Replaces the wfrun-gateway image name."
  type        = string
}

variable "cluster_gateway_image" {
  description = "Replaces the wfrun-cluster-gateway image name."
  type        = string
  default     = "ghcr.io/wfrun/wfrun-cluster-gateway:0.1.0-SNAPSHOT"
}

variable "manifest_dir" {
  description = "Directory of repo_root whose YAML files are decoded (its subdirectories are not): knative or knative/build-plane."
  type        = string
  default     = "knative"
}

variable "exclude_files" {
  description = "File names of manifest_dir left out."
  type        = list(string)
  default     = ["kustomization.yaml"]
}

variable "cluster_agent_image" {
  description = "Replaces the wfrun-cluster-agent image name."
  type        = string
  default     = "wfrun-cluster-agent"
}

variable "agent_gateway_url" {
  description = "Replaces the cluster agent's placeholder gateway URL."
  type        = string
  default     = "wss://cluster-gateway.example.com:8443"
}

variable "agent_plane_id" {
  description = "Replaces the cluster agent's placeholder plane ID."
  type        = string
  default     = "default"
}

variable "install_crds" {
  description = "Include crds/."
  type        = bool
  default     = true
}

locals {
  crds = {
    for f in fileset("${var.repo_root}/crds", "*.yaml") : f => yamldecode(file("${var.repo_root}/crds/${f}"))
    if var.install_crds
  }

  dir           = "${var.repo_root}/${var.manifest_dir}"
  knative_files = sort([for f in fileset(local.dir, "*.yaml") : f if !contains(var.exclude_files, f)])

  # each file split into its YAML documents, namespace and images substituted (as kustomize's images:)
  documents = flatten([
    for f in local.knative_files : [
      for doc in split("\n---", "\n${file("${local.dir}/${f}")}") :
      replace(replace(replace(replace(replace(replace(replace(doc,
        "wfrun-system", var.namespace),
        "image: wfrun-functions", "image: ${var.functions_image}"),
        "image: wfrun-gateway", "image: ${var.gateway_image}"),
        "image: wfrun-cluster-gateway", "image: ${var.cluster_gateway_image}"),
        "image: wfrun-cluster-agent", "image: ${var.cluster_agent_image}"),
        "{name: WFRUN_AGENT_GATEWAY_URL, value: \"wss://cluster-gateway.example.com:8443\"}", "{name: WFRUN_AGENT_GATEWAY_URL, value: ${jsonencode(var.agent_gateway_url)}}"),
      "{name: WFRUN_AGENT_PLANE_ID, value: \"default\"}", "{name: WFRUN_AGENT_PLANE_ID, value: ${jsonencode(var.agent_plane_id)}}")
    ]
  ])

  objects = {
    for o in [for d in local.documents : try(yamldecode(d), null)] :
    "${o.kind}/${try(o.metadata.namespace, "")}/${o.metadata.name}" => o if o != null
  }
}

output "crds" {
  description = "CRD objects by file name."
  value       = local.crds
}

output "namespaces" {
  description = "The Namespace objects, applied first."
  value       = { for k, o in local.objects : k => o if o.kind == "Namespace" }
}

output "objects" {
  description = "Every other object, by kind/namespace/name."
  value       = { for k, o in local.objects : k => o if o.kind != "Namespace" }
}
