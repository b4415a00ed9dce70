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

  knative_files = sort([for f in fileset("${var.repo_root}/knative", "*.yaml") : f if f != "kustomization.yaml"])

  # each file split into its YAML documents, namespace and images substituted (as kustomize's images:)
  documents = flatten([
    for f in local.knative_files : [
      for doc in split("\n---", "\n${file("${var.repo_root}/knative/${f}")}") :
      replace(replace(replace(replace(doc,
        "wfrun-system", var.namespace),
        "image: wfrun-functions", "image: ${var.functions_image}"),
        "image: wfrun-gateway", "image: ${var.gateway_image}"),
      "image: wfrun-cluster-gateway", "image: ${var.cluster_gateway_image}")
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
