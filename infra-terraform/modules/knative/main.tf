# Applies the generated Knative manifests, one kubernetes_manifest per document.
#
# kubernetes_manifest reads the CRDs from the cluster while planning: Knative Serving and Eventing must be installed,
# and the cluster reachable, before `terraform plan`.

locals {
  text = replace(file(var.manifest_path), "\r\n", "\n")

  # Documents: split at "---" lines, dropping empty and comment-only ones.
  parts     = [for part in split("\n---", "\n${local.text}") : part if trimspace(replace(part, "/(?m)^[ \\t]*#.*$/", "")) != ""]
  decoded   = [for part in local.parts : yamldecode(part)]
  documents = { for d in local.decoded : "${d.kind}/${d.metadata.name}" => d }

  # Each document with the deployment's choices applied: the namespace, the broker, the image.
  applied = {
    for key, d in local.documents : key => merge(
      d,
      { metadata = merge(d.metadata, { namespace = var.namespace }) },
      { for attr, spec in { spec = try(merge(
        d.spec,
        { for a, v in { broker = var.broker_name } : a => v if !can(d.spec.brokerRef) },
        { for a, v in { subscriber = try(merge(d.spec.subscriber, { ref = merge(d.spec.subscriber.ref, { namespace = var.namespace }) }), null) } : a => v if can(d.spec.subscriber.ref.namespace) },
      ), null) } : attr => spec if d.kind == "Trigger" && spec != null },
      { for attr, spec in { spec = try(merge(d.spec, { template = merge(d.spec.template, { spec = merge(d.spec.template.spec, {
        containers = [for i, c in d.spec.template.spec.containers : merge(c, { for a, v in { image = var.image } : a => v if i == 0 })]
      }) }) }), null) } : attr => spec if d.kind == "Service" && var.image != null && spec != null },
    )
  }

  services = [for key, d in local.documents : key if d.kind == "Service" && startswith(d.apiVersion, "serving.knative.dev/")]
  triggers = [for key, d in local.documents : key if d.kind == "Trigger"]
}

resource "kubernetes_manifest" "broker" {
  count = var.create_broker ? 1 : 0

  manifest = {
    apiVersion = "eventing.knative.dev/v1"
    kind       = "Broker"
    metadata = {
      name        = var.broker_name
      namespace   = var.namespace
      annotations = { for k, v in { "eventing.knative.dev/broker.class" = var.broker_class } : k => v if v != null }
    }
    spec = { for k, v in { config = var.broker_config } : k => { for a, b in v : a => b if b != null } if v != null }
  }

  field_manager {
    name = var.field_manager
  }

  dynamic "wait" {
    for_each = var.wait_for_ready ? [1] : []
    content {
      condition {
        type   = "Ready"
        status = "True"
      }
    }
  }

  timeouts {
    create = var.ready_timeout
    update = var.ready_timeout
  }
}

resource "kubernetes_manifest" "this" {
  for_each = toset(keys(local.documents))

  manifest = local.applied[each.key]

  # Knative's webhooks default and annotate what they are given (the creator annotations, the revision template's
  # metadata): accept what the API returns for those.
  computed_fields = ["metadata.labels", "metadata.annotations", "spec.template.metadata.annotations", "spec.template.metadata.labels"]

  field_manager {
    name = var.field_manager
  }

  dynamic "wait" {
    for_each = var.wait_for_ready && contains(local.services, each.key) ? [1] : []
    content {
      condition {
        type   = "Ready"
        status = "True"
      }
    }
  }

  timeouts {
    create = var.ready_timeout
    update = var.ready_timeout
  }

  # Triggers need their Broker (Knative accepts Triggers before it, but would report them not ready until then).
  depends_on = [kubernetes_manifest.broker]
}

# kubernetes_manifest keeps only what it applied: the provider strips `status` from its `object`
# (hashicorp/terraform-provider-kubernetes#1605). The addresses are read back from the cluster after the apply.
data "kubernetes_resource" "service" {
  for_each = toset(local.services)

  api_version = local.documents[each.key].apiVersion
  kind        = local.documents[each.key].kind

  metadata {
    name      = local.documents[each.key].metadata.name
    namespace = var.namespace
  }

  depends_on = [kubernetes_manifest.this]
}

data "kubernetes_resource" "broker" {
  count = var.create_broker ? 1 : 0

  api_version = "eventing.knative.dev/v1"
  kind        = "Broker"

  metadata {
    name      = var.broker_name
    namespace = var.namespace
  }

  depends_on = [kubernetes_manifest.broker]
}
