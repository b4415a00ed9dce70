output "namespace" {
  description = "Where the functions, gateway and eventing objects run."
  value       = var.namespace
}

output "objects" {
  description = "The installed objects, as kind/namespace/name."
  value       = sort(concat(keys(module.manifests.namespaces), keys(module.manifests.objects)))
}

output "build_plane_annotation" {
  description = "Annotate your WorkflowPlane or ClusterWorkflowPlane with this to build on the separate cluster."
  value       = var.build_plane_kubeconfig != null ? { "wfrun.dev/kubeconfig-secret" = "wfrun-build-planes/wfrun-build-plane" } : {}
}

output "gateway_service" {
  description = "The Knative Service that receives webhooks (its URL: kubectl get ksvc wfrun-gateway -n <namespace>)."
  value       = "${var.namespace}/wfrun-gateway"
}
