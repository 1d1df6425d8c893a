variable "manifest_path" {
  description = "Path of the Knative manifests the Eventloom build writes, target/eventloom/knative.yaml: YAML documents separated by \"---\", a serving.knative.dev/v1 Service and one eventing.knative.dev/v1 Trigger per function trigger."
  type        = string
}

variable "namespace" {
  description = "Namespace every document is applied in (overrides each document's metadata.namespace, and the namespace of Trigger subscriber references that name one). It must exist."
  type        = string
  default     = "default"
}

variable "create_broker" {
  description = "Create the eventing.knative.dev/v1 Broker named broker_name in the namespace. Leave false when the namespace already has one (or a broker is injected by a namespace label)."
  type        = bool
  default     = false
}

variable "broker_name" {
  description = "Broker the Triggers subscribe to: it replaces each Trigger's spec.broker (Triggers using spec.brokerRef are left alone), and names the Broker created when create_broker is true."
  type        = string
  default     = "default"
}

variable "broker_class" {
  description = "Broker class annotation (eventing.knative.dev/broker.class) of the created Broker, e.g. \"MTChannelBasedBroker\" or \"Kafka\"; null leaves the cluster default."
  type        = string
  default     = null
}

variable "broker_config" {
  description = "spec.config of the created Broker: a reference to its configuration (for example the ConfigMap naming its channel), as { apiVersion, kind, name, namespace }; null leaves the cluster default."
  type = object({
    apiVersion = string
    kind       = string
    name       = string
    namespace  = optional(string)
  })
  default = null
}

variable "image" {
  description = "Container image of the Knative Service (its first container), replacing the one in the generated manifest; null keeps the generated one."
  type        = string
  default     = null
}

variable "wait_for_ready" {
  description = "Wait on apply until the Service and the created Broker report Ready=True (at most the timeouts below)."
  type        = bool
  default     = true
}

variable "ready_timeout" {
  description = "How long create and update may wait for readiness, as a Terraform timeout (\"5m\")."
  type        = string
  default     = "5m"
}

variable "field_manager" {
  description = "Server-side apply field manager of the applied documents."
  type        = string
  default     = "eventloom"
}
