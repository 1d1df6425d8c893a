# Plans the example against the knative.yaml the greeting build really wrote (functions-examples/greeting/target), as a
# user runs it. The kubernetes provider is mocked (nothing is applied; the data sources answer what a cluster would);
# no kubernetes provider is available offline, so check.sh runs this where providers are downloaded (TF_ONLINE=1, the
# GitHub workflow, after building the example).

mock_provider "kubernetes" {
  mock_data "kubernetes_resource" {
    defaults = {
      object = {
        status = {
          url     = "http://greeting.default.svc.cluster.local"
          address = { url = "http://broker-ingress.knative-eventing.svc.cluster.local/default/default" }
        }
      }
    }
  }
}

run "the_real_build_plans_its_service_triggers_and_broker" {
  command = plan

  assert {
    condition = alltrue([for d in ["Service/greeting", "Trigger/greeting-greet", "Trigger/greeting-announce", "Trigger/greeting-sign"] :
    contains(module.greeting.documents, d)])
    error_message = "The build's Service and its functions' Triggers are all applied: ${jsonencode(module.greeting.documents)}"
  }
  assert {
    condition     = length([for d in module.greeting.documents : d if startswith(d, "Service/")]) == 1
    error_message = "One Service serves the application."
  }
  assert {
    condition     = startswith(output.broker_url, "http://broker-ingress.") && output.service_url == "http://greeting.default.svc.cluster.local"
    error_message = "The outputs are the addresses the cluster reports (the README's `terraform output -raw broker_url` step)."
  }
}
