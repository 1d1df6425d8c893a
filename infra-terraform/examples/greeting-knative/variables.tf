variable "kubeconfig" {
  description = "Path of the kubeconfig file of the cluster with Knative Serving and Eventing installed."
  type        = string
  default     = "~/.kube/config"
}

variable "kube_context" {
  description = "Context of the kubeconfig to use; null for its current context."
  type        = string
  default     = null
}

variable "namespace" {
  description = "Namespace to deploy the greeting Service, its Triggers and (when create_broker) the Broker to. It must exist."
  type        = string
  default     = "default"
}

variable "create_broker" {
  description = "Create the Broker named \"default\" in the namespace; false when the namespace already has one."
  type        = bool
  default     = true
}

variable "image" {
  description = "Container image of the greeting application, pushed where the cluster can pull it; null keeps the image named in the generated knative.yaml."
  type        = string
  default     = null
}
