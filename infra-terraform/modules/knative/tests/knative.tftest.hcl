# The Knative module against the greeting example's generated knative.yaml, with a mocked kubernetes provider (the
# GitHub workflow runs it: check.sh with TF_ONLINE=1 downloads the provider).

mock_provider "kubernetes" {
  mock_data "kubernetes_resource" {
    defaults = {
      object = {
        status = {
          url     = "http://greeting.apps.svc.cluster.local"
          address = { url = "http://broker-ingress.knative-eventing.svc.cluster.local/apps/default" }
        }
      }
    }
  }
}

variables {
  manifest_path = "tests/fixtures/knative.yaml"
  namespace     = "apps"
  create_broker = true
  image         = "registry.example/greeting:1.0"
}

run "every_document_is_applied_in_the_namespace_with_the_image" {
  command = plan

  assert {
    condition     = output.documents == ["Service/greeting", "Trigger/greeting-greet", "Trigger/greeting-sign"]
    error_message = "The Service and one Trigger per function: ${jsonencode(output.documents)}"
  }
  assert {
    condition     = kubernetes_manifest.this["Service/greeting"].manifest.metadata.namespace == "apps"
    error_message = "Every document goes to the namespace."
  }
  assert {
    condition     = kubernetes_manifest.this["Service/greeting"].manifest.spec.template.spec.containers[0].image == "registry.example/greeting:1.0"
    error_message = "The image variable replaces the generated one."
  }
  assert {
    condition     = kubernetes_manifest.this["Trigger/greeting-greet"].manifest.spec.subscriber.ref.name == "greeting"
    error_message = "Triggers subscribe the Service."
  }
}

# The outputs come from what the cluster reports after the apply (kubernetes_manifest strips status).
run "the_outputs_are_the_addresses_the_cluster_reports" {
  command = apply

  assert {
    condition     = output.service_urls == { greeting = "http://greeting.apps.svc.cluster.local" }
    error_message = "service_urls must be the Service's status.url: ${jsonencode(output.service_urls)}"
  }
  assert {
    condition     = output.broker_url == "http://broker-ingress.knative-eventing.svc.cluster.local/apps/default"
    error_message = "broker_url must be the Broker's status.address.url."
  }
}
