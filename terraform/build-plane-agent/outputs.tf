output "namespace" {
  description = "Where the agent runs."
  value       = var.namespace
}

output "objects" {
  description = "The installed objects, as kind/namespace/name."
  value       = sort(concat(keys(module.manifests.namespaces), keys(module.manifests.objects)))
}

output "plane_id" {
  description = "The plane ID the agent announces; the control plane's WorkflowPlane must carry it, with the CA of the agent's certificate in spec.clusterAgent.clientCA."
  value       = var.plane_id
}
