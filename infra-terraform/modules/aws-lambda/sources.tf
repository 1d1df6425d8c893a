# The logical sources: the queues, topics and schedules the module creates, and the wiring of every source a trigger
# uses to the Lambda function(s) serving the trigger's function.

locals {
  source_names = { for n, s in var.sources : n => replace(n, "/[^A-Za-z0-9_-]/", "-") }

  # Functions of each source, their delivery settings folded into the source's settings.
  source_timeout = {
    for n, s in var.sources : n => max(concat([var.timeout], [for w in values(local.wirings) : local.lambdas[w.lambda].timeout if w.source == n])...)
  }
  source_dead_letter_queues = {
    for n, s in var.sources : n => distinct([
      for f in lookup(local.source_functions, n, []) : local.dead_letter_arns[f]
      if try(split(":", local.dead_letter_arns[f])[2], "") == "sqs"
    ])
  }

  # Whether a source is created is the static `create` attribute, never whether an ARN is null: ARNs of resources
  # created in the same configuration are unknown at plan time, and for_each keys must be known.
  created_queues    = { for n, s in var.sources : n => s if s.kind == "sqs" && s.create }
  created_topics    = { for n, s in var.sources : n => s if s.kind == "sns" && s.create }
  created_schedules = { for n, s in var.sources : n => s if s.kind == "schedule" && s.create }

  source_arns = merge(
    { for n, s in var.sources : n => s.arn if !s.create && s.kind != "s3" },
    { for n, s in var.sources : n => coalesce(s.arn, "arn:aws:s3:::${s.bucket}") if s.kind == "s3" },
    { for n, q in aws_sqs_queue.created : n => q.arn },
    { for n, t in aws_sns_topic.created : n => t.arn },
    { for n, r in aws_cloudwatch_event_rule.schedule : n => r.arn },
  )
  # What the events of each source carry, so the Lambda binding can tell the sources apart: ARNs, and for EventBridge
  # events their `source` value.
  source_identifiers = merge(
    local.source_arns,
    { for n, s in var.sources : n => coalesce(s.arn, s.event_source) if s.kind == "eventbridge" },
  )

  sqs_wirings      = { for k, w in local.wirings : k => w if w.kind == "sqs" }
  stream_wirings   = { for k, w in local.wirings : k => w if contains(["kinesis", "dynamodb"], w.kind) }
  kafka_wirings    = { for k, w in local.wirings : k => w if w.kind == "msk" }
  sns_wirings      = { for k, w in local.wirings : k => w if w.kind == "sns" }
  s3_wirings       = { for k, w in local.wirings : k => w if w.kind == "s3" }
  pattern_wirings  = { for k, w in local.wirings : k => w if w.kind == "eventbridge" }
  schedule_wirings = { for k, w in local.wirings : k => w if w.kind == "schedule" }

  # Names AWS limits to 64 characters get a hash suffix when too long.
  wiring_names = {
    for k, w in local.wirings : k => (
      length("${local.lambdas[w.lambda].function_name}-${local.source_names[w.source]}") <= 64
      ? "${local.lambdas[w.lambda].function_name}-${local.source_names[w.source]}"
      : "${substr("${local.lambdas[w.lambda].function_name}-${local.source_names[w.source]}", 0, 55)}-${substr(sha1(k), 0, 8)}"
    )
  }
  statement_ids = { for k, w in local.wirings : k => "eventloom-${w.kind}-${substr(local.source_names[w.source], 0, 60)}-${substr(sha1(w.source), 0, 8)}" }

  # Stream and Kafka mappings: infrastructure_retries (the functions retry delivery.retries times inside each
  # invocation already), on-failure destination from deadLetter, unless the source says otherwise.
  on_failure = {
    for k, w in local.wirings : k => coalesce(
      var.sources[w.source].on_failure_arn,
      length(distinct([for f in w.functions : local.dead_letter_arns[f] if local.dead_letter_arns[f] != null])) == 1 ? [for f in w.functions : local.dead_letter_arns[f] if local.dead_letter_arns[f] != null][0] : "-",
    )
  }
  stream_retries = {
    for k, w in local.wirings : k => coalesce(var.sources[w.source].maximum_retry_attempts, var.infrastructure_retries)
  }
  # SQS mapping concurrency: the smallest maxConcurrency of the functions the queue feeds (Lambda allows 2 to 1000).
  sqs_concurrency = {
    for k, w in local.wirings : k => try(max(2, min(1000,
      var.sources[w.source].maximum_concurrency != null
      ? var.sources[w.source].maximum_concurrency
      : min([for f in w.functions : local.functions[f].max_concurrency if local.functions[f].max_concurrency != null]...)
    )), null)
  }

  # EventBridge: one rule per Lambda function and source, matching the source value, the resource (when the source
  # names one: the bucket of S3 events, for example) and the union of its triggers' types; a trigger with no type
  # filter widens the rule to every type. One rule, not one per trigger, so that an event matching several triggers
  # invokes the Lambda function once (the runtime then fans it out) instead of once per matching rule.
  event_patterns = {
    for k, w in local.pattern_wirings : k => coalesce(
      var.sources[w.source].event_pattern,
      jsonencode(jsondecode("{${join(",", compact([
        contains(w.type_patterns, "") ? "" : "\"detail-type\":[${join(",", sort(distinct(w.type_patterns)))}]",
        var.sources[w.source].arn == null ? "" : "\"resources\":${jsonencode([var.sources[w.source].arn])}",
        "\"source\":${jsonencode([var.sources[w.source].event_source])}",
      ]))}}")),
    )
  }

  # Event source mapping filter criteria, so that AWS does not invoke the function for records no trigger accepts.
  # Compiled where AWS can see the CloudEvents type: the `type` of a structured CloudEvent in an SQS body or a Kinesis
  # record's data, and the event name behind the com.amazonaws.dynamodb.<eventName> types. Only when every trigger
  # that can select the source's records (those naming the source, and those naming none) filters the type exactly or
  # by prefix, and none of them accepts the type the runtime gives records that are not CloudEvents: a filter must
  # never drop what the runtime would deliver. AWS deletes filtered SQS messages and skips filtered stream records.
  unsourced_type_filters = {
    for l in local.lambda_keys : l => [for t in local.triggers : t.type_filter if t.lambda == l && t.source == ""]
  }
  mapping_type_filters = {
    for k, w in local.wirings : k => concat(w.type_filters, local.unsourced_type_filters[w.lambda])
  }
  derived_types = { sqs = "com.amazonaws.sqs.message", kinesis = "com.amazonaws.kinesis.record" }
  derived_filter_patterns = {
    for k, w in local.wirings : k => (
      contains(["sqs", "kinesis"], w.kind) && alltrue([
        for f in local.mapping_type_filters[k] :
        f.op == "exact" ? f.value != lookup(local.derived_types, w.kind, "") : f.op == "prefix" && !startswith(lookup(local.derived_types, w.kind, ""), f.value)
      ])
      ? ["{\"${w.kind == "sqs" ? "body" : "data"}\":{\"type\":[${join(",", distinct([
        for f in local.mapping_type_filters[k] : f.op == "exact" ? jsonencode(f.value) : jsonencode({ prefix = f.value })
      ]))}]}}"]
      : w.kind == "dynamodb" && alltrue([
        for f in local.mapping_type_filters[k] : f.op == "exact" && startswith(f.value, "com.amazonaws.dynamodb.")
      ])
      ? [jsonencode({ eventName = distinct([for f in local.mapping_type_filters[k] : trimprefix(f.value, "com.amazonaws.dynamodb.")]) })]
      : []
    )
  }
  # A source's own filter_criteria replaces the derived one ([] turns filtering off); AWS takes patterns of up to
  # 4096 characters, so a longer derived one is left out rather than refused.
  filter_patterns = {
    for k, w in local.wirings : k => (
      var.sources[w.source].filter_criteria != null
      ? var.sources[w.source].filter_criteria
      : [for p in local.derived_filter_patterns[k] : p if length(p) <= 4096]
    )
  }

  # Existing scheduled rules: arn:aws:events:<region>:<account>:rule/[<bus>/]<name>.
  schedule_rules = {
    for n, s in var.sources : n => {
      name = s.create ? aws_cloudwatch_event_rule.schedule[n].name : element(split("/", s.arn), length(split("/", s.arn)) - 1)
      bus  = s.create ? "default" : length(split("/", s.arn)) == 3 ? split("/", s.arn)[1] : "default"
    } if s.kind == "schedule"
  }

  # Keyed by the static bucket name: one notification configuration per bucket.
  s3_buckets = {
    for k, w in local.s3_wirings : var.sources[w.source].bucket => k...
  }
}

data "aws_caller_identity" "current" {
  count = length(local.s3_wirings) > 0 ? 1 : 0
}

# ---- created sources ----

resource "aws_sqs_queue" "created" {
  for_each = local.created_queues

  name                       = each.value.fifo ? "${substr("${local.base_name}-${local.source_names[each.key]}", 0, 75)}.fifo" : substr("${local.base_name}-${local.source_names[each.key]}", 0, 80)
  fifo_queue                 = each.value.fifo ? true : null
  visibility_timeout_seconds = coalesce(each.value.visibility_timeout_seconds, min(43200, 6 * local.source_timeout[each.key]))
  message_retention_seconds  = each.value.message_retention_seconds
  sqs_managed_sse_enabled    = true
  redrive_policy = (
    each.value.dead_letter_arn != null || length(local.source_dead_letter_queues[each.key]) == 1 ? jsonencode({
      deadLetterTargetArn = coalesce(each.value.dead_letter_arn, try(local.source_dead_letter_queues[each.key][0], "-"))
      maxReceiveCount     = coalesce(each.value.max_receive_count, var.infrastructure_retries + 1)
    }) : null
  )
  tags = var.tags
}

resource "aws_sns_topic" "created" {
  for_each = local.created_topics

  name = substr("${local.base_name}-${local.source_names[each.key]}", 0, 256)
  tags = var.tags
}

resource "aws_cloudwatch_event_rule" "schedule" {
  for_each = local.created_schedules

  name                = length("${local.base_name}-${local.source_names[each.key]}") <= 64 ? "${local.base_name}-${local.source_names[each.key]}" : "${substr("${local.base_name}-${local.source_names[each.key]}", 0, 55)}-${substr(sha1(each.key), 0, 8)}"
  description         = "Eventloom ${local.application}: logical source ${each.key}"
  schedule_expression = each.value.schedule_expression
  tags                = var.tags
}

# ---- polled sources: event source mappings ----

resource "aws_lambda_event_source_mapping" "sqs" {
  for_each = local.sqs_wirings

  event_source_arn                   = local.source_arns[each.value.source]
  function_name                      = local.targets[each.value.lambda].arn
  enabled                            = var.sources[each.value.source].enabled
  batch_size                         = var.sources[each.value.source].batch_size
  maximum_batching_window_in_seconds = var.sources[each.value.source].maximum_batching_window_in_seconds
  function_response_types            = ["ReportBatchItemFailures"]

  dynamic "scaling_config" {
    for_each = local.sqs_concurrency[each.key] == null ? [] : [local.sqs_concurrency[each.key]]
    content {
      maximum_concurrency = scaling_config.value
    }
  }

  dynamic "filter_criteria" {
    for_each = length(local.filter_patterns[each.key]) == 0 ? [] : [local.filter_patterns[each.key]]
    content {
      dynamic "filter" {
        for_each = filter_criteria.value
        content {
          pattern = filter.value
        }
      }
    }
  }

  depends_on = [aws_iam_role_policy.this]
}

resource "aws_lambda_event_source_mapping" "stream" {
  for_each = local.stream_wirings

  event_source_arn                   = local.source_arns[each.value.source]
  function_name                      = local.targets[each.value.lambda].arn
  enabled                            = var.sources[each.value.source].enabled
  batch_size                         = var.sources[each.value.source].batch_size
  maximum_batching_window_in_seconds = var.sources[each.value.source].maximum_batching_window_in_seconds
  starting_position                  = var.sources[each.value.source].starting_position
  parallelization_factor             = var.sources[each.value.source].parallelization_factor
  maximum_retry_attempts             = local.stream_retries[each.key]
  maximum_record_age_in_seconds      = var.sources[each.value.source].maximum_record_age_in_seconds
  bisect_batch_on_function_error     = var.sources[each.value.source].bisect_batch_on_function_error
  function_response_types            = ["ReportBatchItemFailures"]

  dynamic "destination_config" {
    for_each = local.on_failure[each.key] == "-" ? [] : [local.on_failure[each.key]]
    content {
      on_failure {
        destination_arn = destination_config.value
      }
    }
  }

  dynamic "filter_criteria" {
    for_each = length(local.filter_patterns[each.key]) == 0 ? [] : [local.filter_patterns[each.key]]
    content {
      dynamic "filter" {
        for_each = filter_criteria.value
        content {
          pattern = filter.value
        }
      }
    }
  }

  depends_on = [aws_iam_role_policy.this]
}

resource "aws_lambda_event_source_mapping" "kafka" {
  for_each = local.kafka_wirings

  event_source_arn                   = local.source_arns[each.value.source]
  function_name                      = local.targets[each.value.lambda].arn
  enabled                            = var.sources[each.value.source].enabled
  batch_size                         = var.sources[each.value.source].batch_size
  maximum_batching_window_in_seconds = var.sources[each.value.source].maximum_batching_window_in_seconds
  starting_position                  = var.sources[each.value.source].starting_position
  topics                             = var.sources[each.value.source].topics

  dynamic "amazon_managed_kafka_event_source_config" {
    for_each = var.sources[each.value.source].consumer_group_id == null ? [] : [var.sources[each.value.source].consumer_group_id]
    content {
      consumer_group_id = amazon_managed_kafka_event_source_config.value
    }
  }

  dynamic "destination_config" {
    for_each = local.on_failure[each.key] == "-" ? [] : [local.on_failure[each.key]]
    content {
      on_failure {
        destination_arn = destination_config.value
      }
    }
  }

  dynamic "filter_criteria" {
    for_each = length(local.filter_patterns[each.key]) == 0 ? [] : [local.filter_patterns[each.key]]
    content {
      dynamic "filter" {
        for_each = filter_criteria.value
        content {
          pattern = filter.value
        }
      }
    }
  }

  depends_on = [aws_iam_role_policy.this]
}

# ---- pushed sources: subscriptions, notifications and rules, each with its invoke permission ----

resource "aws_lambda_permission" "sns" {
  for_each = local.sns_wirings

  statement_id  = local.statement_ids[each.key]
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this[each.value.lambda].function_name
  qualifier     = local.targets[each.value.lambda].qualifier
  principal     = "sns.amazonaws.com"
  source_arn    = local.source_arns[each.value.source]
}

resource "aws_sns_topic_subscription" "this" {
  for_each = local.sns_wirings

  topic_arn           = local.source_arns[each.value.source]
  protocol            = "lambda"
  endpoint            = local.targets[each.value.lambda].arn
  filter_policy       = var.sources[each.value.source].sns_filter_policy
  filter_policy_scope = var.sources[each.value.source].sns_filter_policy_scope

  depends_on = [aws_lambda_permission.sns]
}

resource "aws_lambda_permission" "s3" {
  for_each = local.s3_wirings

  statement_id   = local.statement_ids[each.key]
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this[each.value.lambda].function_name
  qualifier      = local.targets[each.value.lambda].qualifier
  principal      = "s3.amazonaws.com"
  source_arn     = local.source_arns[each.value.source]
  source_account = data.aws_caller_identity.current[0].account_id
}

# S3 keeps one notification configuration per bucket: this resource owns the whole of it, so every logical source on
# the same bucket is gathered here, and the bucket must have no notifications managed elsewhere.
resource "aws_s3_bucket_notification" "this" {
  for_each = local.s3_buckets

  bucket = each.key

  dynamic "lambda_function" {
    for_each = each.value
    content {
      id                  = local.wiring_names[lambda_function.value]
      lambda_function_arn = local.targets[local.wirings[lambda_function.value].lambda].arn
      events              = var.sources[local.wirings[lambda_function.value].source].s3_events
      filter_prefix       = var.sources[local.wirings[lambda_function.value].source].s3_filter_prefix
      filter_suffix       = var.sources[local.wirings[lambda_function.value].source].s3_filter_suffix
    }
  }

  depends_on = [aws_lambda_permission.s3]
}

resource "aws_cloudwatch_event_rule" "pattern" {
  for_each = local.pattern_wirings

  name           = local.wiring_names[each.key]
  description    = "Eventloom ${local.application}: ${join(", ", each.value.functions)} on logical source ${each.value.source}"
  event_bus_name = var.sources[each.value.source].event_bus_name
  event_pattern  = local.event_patterns[each.key]
  tags           = var.tags
}

resource "aws_cloudwatch_event_target" "pattern" {
  for_each = local.pattern_wirings

  rule           = aws_cloudwatch_event_rule.pattern[each.key].name
  event_bus_name = var.sources[each.value.source].event_bus_name
  target_id      = "eventloom"
  arn            = local.targets[each.value.lambda].arn
}

resource "aws_cloudwatch_event_target" "schedule" {
  for_each = local.schedule_wirings

  rule           = local.schedule_rules[each.value.source].name
  event_bus_name = local.schedule_rules[each.value.source].bus
  target_id      = substr(local.lambdas[each.value.lambda].function_name, 0, 64)
  arn            = local.targets[each.value.lambda].arn
  input          = var.sources[each.value.source].schedule_input
}

resource "aws_lambda_permission" "events" {
  for_each = merge(local.pattern_wirings, local.schedule_wirings)

  statement_id  = local.statement_ids[each.key]
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this[each.value.lambda].function_name
  qualifier     = local.targets[each.value.lambda].qualifier
  principal     = "events.amazonaws.com"
  source_arn    = each.value.kind == "schedule" ? local.source_arns[each.value.source] : aws_cloudwatch_event_rule.pattern[each.key].arn
}
