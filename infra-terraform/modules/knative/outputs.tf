output "documents" {
  description = "The applied documents, as \"<kind>/<name>\", in the namespace."
  value       = sort(keys(local.documents))
}

output "service_urls" {
  description = "URL of each Knative Service (status.url once ready), by Service name."
  value       = { for key in local.services : local.documents[key].metadata.name => try(data.kubernetes_resource.service[key].object.status.url, null) }
}

output "triggers" {
  description = "Names of the applied Knative Triggers."
  value       = [for key in local.triggers : local.documents[key].metadata.name]
}

output "broker_url" {
  description = "Address of the Broker created by the module (status.address.url once ready); null when create_broker is false. Post CloudEvents here to reach the functions."
  value       = try(data.kubernetes_resource.broker[0].object.status.address.url, null)
}
