# Application mode: one Lambda function serves the whole orders application, and every source its triggers use is
# wired to it once.

mock_provider "aws" {
  override_during = plan

  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders" }
  }
  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:eu-west-1:111122223333:orders-orders-queue"
      url = "https://sqs.eu-west-1.amazonaws.com/111122223333/orders-orders-queue"
    }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:eu-west-1:111122223333:rule/orders-nightly" }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn        = "arn:aws:lambda:eu-west-1:111122223333:function:orders"
      invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:orders/invocations"
    }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "111122223333" }
  }
}

variables {
  manifest_path = "tests/fixtures/orders.json"
  zip_path      = "tests/fixtures/function.zip.placeholder"
  http          = "http-api"
  sources = {
    orders-queue  = { kind = "sqs", create = true }
    audit-queue   = { kind = "sqs", arn = "arn:aws:sqs:eu-west-1:111122223333:audit", batch_size = 50, maximum_batching_window_in_seconds = 5 }
    orders-topic  = { kind = "sns", arn = "arn:aws:sns:eu-west-1:111122223333:orders" }
    uploads       = { kind = "s3", bucket = "acme-uploads", s3_filter_prefix = "incoming/" }
    clicks        = { kind = "kinesis", arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/clicks", starting_position = "TRIM_HORIZON" }
    table-changes = { kind = "dynamodb", arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2024-01-01T00:00:00.000" }
    orders-bus    = { kind = "eventbridge", event_source = "com.acme.orders", event_bus_name = "acme" }
    s3-events     = { kind = "eventbridge", event_source = "aws.s3", arn = "arn:aws:s3:::acme-archive" }
    partner-bus   = { kind = "eventbridge", event_source = "com.partner" }
    nightly       = { kind = "schedule", create = true, schedule_expression = "rate(1 day)" }
  }
  dead_letter_targets = {
    billing-dlq = "arn:aws:sqs:eu-west-1:111122223333:billing-dlq"
  }
}

run "one_lambda_serves_the_application" {
  command = plan

  assert {
    condition = (jsondecode(one(aws_lambda_event_source_mapping.sqs["orders/orders-queue"].filter_criteria[0].filter).pattern)
    == { body = { type = ["com.acme.order.created", "com.acme.greeting.requested"] } })
    error_message = "greet's trigger names no source, so it selects the queue's events too: its type joins bill's in the queue's filter."
  }

  assert {
    condition     = keys(aws_lambda_function.this) == ["orders"]
    error_message = "Application mode must create exactly one Lambda function, keyed by the application name."
  }
  assert {
    condition     = aws_lambda_function.this["orders"].function_name == "orders"
    error_message = "The Lambda function must be named after the application."
  }
  assert {
    condition = (aws_lambda_function.this["orders"].runtime == "java21"
    && aws_lambda_function.this["orders"].handler == "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest")
    error_message = "The JVM flavour must run java21 with Quarkus's stream handler."
  }
  assert {
    condition     = aws_lambda_function.this["orders"].memory_size == 1024 && aws_lambda_function.this["orders"].timeout == 150
    error_message = "In application mode memory and timeout must be the largest of the defaults and the functions' resources (1024 MB from bill, 150 s from nightly-report)."
  }
  assert {
    condition     = !contains(keys(aws_lambda_function.this["orders"].environment[0].variables), "EVENTLOOM_LAMBDA_FUNCTIONS")
    error_message = "In application mode the Lambda function serves every function: EVENTLOOM_LAMBDA_FUNCTIONS must be unset."
  }
  assert {
    condition = (aws_lambda_function.this["orders"].environment[0].variables["QUARKUS_HTTP_HOST_ENABLED"] == "false"
    && aws_lambda_function.this["orders"].environment[0].variables["JAVA_TOOL_OPTIONS"] == "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")
    error_message = "The runtime contract's environment (no HTTP listener, C1-only JVM) must be set."
  }
  assert {
    condition     = aws_cloudwatch_log_group.this["orders"].name == "/aws/lambda/orders" && aws_cloudwatch_log_group.this["orders"].retention_in_days == 14
    error_message = "The log group must be the function's, with the retention asked for."
  }
}

run "sources_map_logical_names_to_what_events_carry" {
  command = plan

  assert {
    condition = aws_lambda_function.this["orders"].environment[0].variables["EVENTLOOM_LAMBDA_SOURCES"] == join(",", [
      "audit-queue=arn:aws:sqs:eu-west-1:111122223333:audit",
      "clicks=arn:aws:kinesis:eu-west-1:111122223333:stream/clicks",
      "nightly=arn:aws:events:eu-west-1:111122223333:rule/orders-nightly",
      "orders-bus=com.acme.orders",
      "orders-queue=arn:aws:sqs:eu-west-1:111122223333:orders-orders-queue",
      "orders-topic=arn:aws:sns:eu-west-1:111122223333:orders",
      "partner-bus=com.partner",
      "s3-events=arn:aws:s3:::acme-archive",
      "table-changes=arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2024-01-01T00:00:00.000",
      "uploads=arn:aws:s3:::acme-uploads",
    ])
    error_message = "EVENTLOOM_LAMBDA_SOURCES must list every source as logical=ARN (or EventBridge source value, or the resource an EventBridge source names), sorted: ${aws_lambda_function.this["orders"].environment[0].variables["EVENTLOOM_LAMBDA_SOURCES"]}"
  }
  assert {
    condition     = output.lambda_sources == aws_lambda_function.this["orders"].environment[0].variables["EVENTLOOM_LAMBDA_SOURCES"]
    error_message = "The lambda_sources output must be the value the function gets."
  }
}

run "one_event_source_mapping_per_queue_reporting_item_failures" {
  command = plan

  assert {
    condition     = length(aws_lambda_event_source_mapping.sqs) == 2
    error_message = "Two SQS sources are used by triggers: two mappings."
  }
  assert {
    condition = toset([for m in aws_lambda_event_source_mapping.sqs : m.event_source_arn]) == toset([
      "arn:aws:sqs:eu-west-1:111122223333:audit", "arn:aws:sqs:eu-west-1:111122223333:orders-orders-queue",
    ])
    error_message = "The mappings must read the given queue and the created one."
  }
  assert {
    condition     = alltrue([for m in aws_lambda_event_source_mapping.sqs : m.function_response_types == toset(["ReportBatchItemFailures"])])
    error_message = "SQS mappings must let the function report batch item failures."
  }
  assert {
    condition     = aws_lambda_event_source_mapping.sqs["orders/orders-queue"].scaling_config[0].maximum_concurrency == 16
    error_message = "The orders queue's mapping concurrency must come from bill's maxConcurrency."
  }
  assert {
    condition     = length(aws_lambda_event_source_mapping.sqs["orders/audit-queue"].scaling_config) == 0
    error_message = "A queue whose functions declare no maxConcurrency must not be capped."
  }
  assert {
    condition = (aws_lambda_event_source_mapping.sqs["orders/audit-queue"].batch_size == 50
    && aws_lambda_event_source_mapping.sqs["orders/audit-queue"].maximum_batching_window_in_seconds == 5)
    error_message = "Batch size and window must come from the source."
  }
  assert {
    condition = jsondecode(aws_sqs_queue.created["orders-queue"].redrive_policy) == {
      deadLetterTargetArn = "arn:aws:sqs:eu-west-1:111122223333:billing-dlq", maxReceiveCount = 3
    }
    error_message = "The created queue must redrive to bill's deadLetter (a logical sink resolved through dead_letter_targets) after infrastructure_retries + 1 receives, whatever bill's own delivery.retries (3)."
  }
  assert {
    condition     = aws_sqs_queue.created["orders-queue"].visibility_timeout_seconds == 900
    error_message = "The created queue's visibility timeout must be six times the Lambda timeout."
  }
}

run "streams_retry_bisect_and_report_item_failures" {
  command = plan

  assert {
    condition     = length(aws_lambda_event_source_mapping.stream) == 2
    error_message = "One Kinesis and one DynamoDB source: two stream mappings."
  }
  assert {
    condition     = alltrue([for m in aws_lambda_event_source_mapping.stream : m.function_response_types == toset(["ReportBatchItemFailures"]) && m.bisect_batch_on_function_error])
    error_message = "Stream mappings must report batch item failures and bisect failing batches."
  }
  assert {
    condition = (aws_lambda_event_source_mapping.stream["orders/clicks"].maximum_retry_attempts == 2
      && aws_lambda_event_source_mapping.stream["orders/clicks"].starting_position == "TRIM_HORIZON"
    && aws_lambda_event_source_mapping.stream["orders/clicks"].destination_config[0].on_failure[0].destination_arn == "arn:aws:sns:eu-west-1:111122223333:clicks-failed")
    error_message = "The clicks mapping must retry infrastructure_retries times and send failures to track's deadLetter."
  }
  assert {
    condition     = length(aws_lambda_event_source_mapping.stream["orders/table-changes"].destination_config) == 0
    error_message = "No deadLetter, no on-failure destination."
  }
}

run "policy_is_scoped_to_the_wired_sources" {
  command = plan

  assert {
    condition = alltrue(flatten([for s in jsondecode(aws_iam_role_policy.this["orders"].policy).Statement : [
      for a in s.Action : a != "*" && !endswith(a, ":*")
    ]]))
    error_message = "No statement may allow \"*\" or \"service:*\"."
  }
  assert {
    condition = alltrue(flatten([for s in jsondecode(aws_iam_role_policy.this["orders"].policy).Statement : [
      for r in s.Resource : contains([
        "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders:*",
        "arn:aws:sqs:eu-west-1:111122223333:audit",
        "arn:aws:sqs:eu-west-1:111122223333:orders-orders-queue",
        "arn:aws:kinesis:eu-west-1:111122223333:stream/clicks",
        "arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2024-01-01T00:00:00.000",
        "arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/*",
        "arn:aws:sqs:eu-west-1:111122223333:thumbnail-dlq",
        "arn:aws:sns:eu-west-1:111122223333:clicks-failed",
      ], r)
    ]]))
    error_message = "Every statement must be scoped to the log group, a wired source or a failure destination: ${aws_iam_role_policy.this["orders"].policy}"
  }
  assert {
    condition = contains([for s in jsondecode(aws_iam_role_policy.this["orders"].policy).Statement : s.Action if s.Resource == ["arn:aws:sqs:eu-west-1:111122223333:audit"]], [
      "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
    ])
    error_message = "The role must be able to consume the audit queue."
  }
  assert {
    condition = contains([for s in jsondecode(aws_iam_role_policy.this["orders"].policy).Statement : s.Action if s.Resource == ["arn:aws:sqs:eu-west-1:111122223333:thumbnail-dlq"]], [
      "sqs:SendMessage",
    ])
    error_message = "The role must be able to send failed asynchronous invocations to the dead-letter queue."
  }
  assert {
    condition     = length(distinct([for s in jsondecode(aws_iam_role_policy.this["orders"].policy).Statement : s.Sid])) == length(jsondecode(aws_iam_role_policy.this["orders"].policy).Statement)
    error_message = "Statement ids must be unique."
  }
  assert {
    condition     = aws_lambda_function.this["orders"].dead_letter_config[0].target_arn == "arn:aws:sqs:eu-west-1:111122223333:thumbnail-dlq"
    error_message = "Failed asynchronous invocations (thumbnail's S3 events) must go to thumbnail's deadLetter."
  }
  assert {
    condition     = aws_lambda_function_event_invoke_config.this["orders"].maximum_retry_attempts == 2
    error_message = "Asynchronous retries must be infrastructure_retries (at most 2), not the functions' delivery.retries."
  }
}

run "one_rule_per_pattern_and_one_per_schedule" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_event_rule.pattern) == 3 && length(aws_cloudwatch_event_target.pattern) == 3
    error_message = "Three EventBridge sources are used: one rule and target each."
  }
  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.pattern["orders/orders-bus"].event_pattern) == {
      detail-type = ["Order Created", "Order Shipped", { prefix = "Refund" }]
      source      = ["com.acme.orders"]
    }
    error_message = "The orders-bus rule must match the source and the union of the triggers' types: ${aws_cloudwatch_event_rule.pattern["orders/orders-bus"].event_pattern}"
  }
  assert {
    condition     = aws_cloudwatch_event_rule.pattern["orders/orders-bus"].event_bus_name == "acme" && aws_cloudwatch_event_target.pattern["orders/orders-bus"].event_bus_name == "acme"
    error_message = "The rule and target must be on the source's bus."
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.pattern["orders/partner-bus"].event_pattern) == { source = ["com.partner"] }
    error_message = "A trigger without a type filter (an `any` is left to the runtime) must match the whole source."
  }
  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.pattern["orders/s3-events"].event_pattern) == {
      detail-type = ["Object Created"], resources = ["arn:aws:s3:::acme-archive"], source = ["aws.s3"]
    }
    error_message = "S3 events through EventBridge match their bucket, and the CloudEvents type com.amazonaws.s3.ObjectCreated maps back to the detail-type: ${aws_cloudwatch_event_rule.pattern["orders/s3-events"].event_pattern}"
  }
  assert {
    condition     = aws_cloudwatch_event_rule.schedule["nightly"].schedule_expression == "rate(1 day)" && length(aws_cloudwatch_event_target.schedule) == 1
    error_message = "The nightly schedule must be created with one target."
  }
  assert {
    condition     = length(aws_lambda_permission.events) == 4 && alltrue([for p in aws_lambda_permission.events : p.principal == "events.amazonaws.com"])
    error_message = "Each rule needs an EventBridge invoke permission."
  }
}

run "pushed_sources_subscribe_with_permissions" {
  command = plan

  assert {
    condition     = length(aws_sns_topic_subscription.this) == 1 && aws_sns_topic_subscription.this["orders/orders-topic"].protocol == "lambda"
    error_message = "The SNS source must be subscribed once."
  }
  assert {
    condition     = aws_lambda_permission.sns["orders/orders-topic"].source_arn == "arn:aws:sns:eu-west-1:111122223333:orders"
    error_message = "SNS may invoke only from its topic."
  }
  assert {
    condition = (keys(aws_s3_bucket_notification.this) == ["acme-uploads"]
    && aws_s3_bucket_notification.this["acme-uploads"].lambda_function[0].filter_prefix == "incoming/")
    error_message = "One notification per bucket, with the source's prefix."
  }
  assert {
    condition     = aws_lambda_permission.s3["orders/uploads"].source_arn == "arn:aws:s3:::acme-uploads" && aws_lambda_permission.s3["orders/uploads"].source_account == "111122223333"
    error_message = "S3 may invoke only from its bucket, in this account."
  }
}

run "http_api_proxies_everything_to_the_lambda" {
  command = plan

  assert {
    condition     = keys(aws_apigatewayv2_route.this) == ["$default"]
    error_message = "Application mode routes every path ($default)."
  }
  assert {
    condition = (aws_apigatewayv2_integration.this["orders"].payload_format_version == "2.0"
    && aws_apigatewayv2_integration.this["orders"].integration_type == "AWS_PROXY")
    error_message = "Proxy integration, payload format 2.0."
  }
  assert {
    condition     = aws_apigatewayv2_stage.this[0].name == "$default" && aws_apigatewayv2_stage.this[0].auto_deploy
    error_message = "The $default stage must deploy automatically."
  }
  assert {
    condition     = length(aws_lambda_function_url.this) == 0
    error_message = "No function URL unless asked."
  }
}

# The functions retry inside each invocation (delivery.retries); AWS's redeliveries are counted apart, so attempts add
# up to (delivery.retries + 1) x (infrastructure_retries + 1) instead of multiplying the function's count by itself.
run "infrastructure_retries_are_their_own_setting" {
  command = plan

  variables {
    infrastructure_retries = 0
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.created["orders-queue"].redrive_policy).maxReceiveCount == 1
    error_message = "With infrastructure_retries = 0 a created queue redrives after the first failed receive."
  }
  assert {
    condition     = aws_lambda_event_source_mapping.stream["orders/clicks"].maximum_retry_attempts == 0
    error_message = "With infrastructure_retries = 0 a stream mapping does not retry a failed batch."
  }
  assert {
    condition     = aws_lambda_function_event_invoke_config.this["orders"].maximum_retry_attempts == 0
    error_message = "With infrastructure_retries = 0 asynchronous invocations are not retried."
  }
}

run "snap_start_publishes_and_every_trigger_invokes_the_alias" {
  command = plan

  variables {
    snap_start = true
  }

  assert {
    condition     = aws_lambda_function.this["orders"].publish && aws_lambda_function.this["orders"].snap_start[0].apply_on == "PublishedVersions"
    error_message = "SnapStart applies to published versions."
  }
  assert {
    condition     = aws_lambda_alias.this["orders"].name == "live"
    error_message = "The alias live follows the published version."
  }
  assert {
    condition     = alltrue([for p in aws_lambda_permission.sns : p.qualifier == "live"]) && alltrue([for p in aws_lambda_permission.events : p.qualifier == "live"]) && aws_lambda_permission.http_api["orders"].qualifier == "live"
    error_message = "Every invoke permission is for the alias."
  }
}
