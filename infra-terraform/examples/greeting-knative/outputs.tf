output "service_url" {
  description = "URL of the greeting Knative Service."
  value       = try(one(values(module.greeting.service_urls)), null)
}

output "broker_url" {
  description = "Address of the created Broker (null when create_broker is false): post CloudEvents here."
  value       = module.greeting.broker_url
}

output "triggers" {
  description = "The Knative Triggers applied, one per function trigger."
  value       = module.greeting.triggers
}
