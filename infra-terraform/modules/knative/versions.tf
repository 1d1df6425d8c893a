terraform {
  required_version = ">= 1.5"

  required_providers {
    kubernetes = {
      source = "hashicorp/kubernetes"
      # kubernetes_manifest with wait { condition } blocks.
      version = ">= 2.20, < 3.0"
    }
  }
}
