# The greeting example on Knative: the generated Service and Triggers, and a Broker for them.

module "greeting" {
  source = "../../modules/knative"

  manifest_path = "${path.module}/../../../functions-examples/greeting/target/eventloom/knative.yaml"
  namespace     = var.namespace
  create_broker = var.create_broker
  broker_name   = "default"
  image         = var.image
}
