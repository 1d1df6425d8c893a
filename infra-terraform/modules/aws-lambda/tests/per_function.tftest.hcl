# Per-function mode: one Lambda function per manifest function, all from the same zip, each serving only its function
# and wired only to the sources of its own triggers.

mock_provider "aws" {
  override_during = plan

  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders-fn" }
  }
  mock_resource "aws_sqs_queue" {
    defaults = { arn = "arn:aws:sqs:eu-west-1:111122223333:orders-orders-queue" }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:eu-west-1:111122223333:rule/orders-nightly" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "111122223333" }
  }
}

variables {
  manifest_path   = "tests/fixtures/orders.json"
  zip_path        = "tests/fixtures/function.zip.placeholder"
  deployment_mode = "per-function"
  http            = "http-api"
  sources = {
    orders-queue  = { kind = "sqs", create = true }
    audit-queue   = { kind = "sqs", arn = "arn:aws:sqs:eu-west-1:111122223333:audit" }
    orders-topic  = { kind = "sns", arn = "arn:aws:sns:eu-west-1:111122223333:orders" }
    uploads       = { kind = "s3", bucket = "acme-uploads" }
    clicks        = { kind = "kinesis", arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/clicks" }
    table-changes = { kind = "dynamodb", arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2024-01-01T00:00:00.000" }
    orders-bus    = { kind = "eventbridge", event_source = "com.acme.orders" }
    s3-events     = { kind = "eventbridge", event_source = "aws.s3", arn = "arn:aws:s3:::acme-archive" }
    partner-bus   = { kind = "eventbridge", event_source = "com.partner" }
    nightly       = { kind = "schedule", create = true, schedule_expression = "cron(0 2 * * ? *)" }
  }
  dead_letter_targets = {
    billing-dlq = "arn:aws:sqs:eu-west-1:111122223333:billing-dlq"
  }
}

run "one_lambda_per_function_serving_only_it" {
  command = plan

  assert {
    condition     = jsondecode(one(aws_lambda_event_source_mapping.sqs["bill/orders-queue"].filter_criteria[0].filter).pattern) == { body = { type = ["com.acme.order.created"] } }
    error_message = "Each per-function Lambda's mapping filters for its own function's triggers only (greet's type is not in bill's)."
  }

  assert {
    condition = toset(keys(aws_lambda_function.this)) == toset([
      "audit", "bill", "greet", "hello", "index-upload", "notify", "nightly-report", "partner-sync", "ship", "sync", "thumbnail",
      "track",
    ])
    error_message = "Every manifest function must get its own Lambda function."
  }
  assert {
    condition     = alltrue([for key, f in aws_lambda_function.this : f.environment[0].variables["EVENTLOOM_LAMBDA_FUNCTIONS"] == key])
    error_message = "Each Lambda function must serve only its function (EVENTLOOM_LAMBDA_FUNCTIONS)."
  }
  assert {
    condition     = alltrue([for key, f in aws_lambda_function.this : f.function_name == "orders-${key}" && f.filename == "tests/fixtures/function.zip.placeholder"])
    error_message = "The Lambda functions must be named <application>-<function> and share the zip."
  }
  assert {
    condition     = aws_lambda_function.this["bill"].memory_size == 1024 && aws_lambda_function.this["bill"].timeout == 60 && aws_lambda_function.this["hello"].memory_size == 512 && aws_lambda_function.this["hello"].timeout == 30
    error_message = "Each function's resources must size its own Lambda function; the others get the defaults."
  }
  assert {
    condition     = length(distinct([for f in aws_lambda_function.this : f.environment[0].variables["EVENTLOOM_LAMBDA_SOURCES"]])) == 1
    error_message = "Every Lambda function gets the same source map."
  }
  assert {
    condition     = length(aws_iam_role.this) == 12 && length(aws_iam_role_policy.this) == 12
    error_message = "Each Lambda function must have its own role, so each is granted only its own sources."
  }
}

run "only_own_triggers_are_wired" {
  command = plan

  assert {
    condition     = toset(keys(aws_lambda_event_source_mapping.sqs)) == toset(["bill/orders-queue", "audit/audit-queue"])
    error_message = "Each queue must be wired to the function whose trigger names it."
  }
  assert {
    condition     = alltrue([for m in aws_lambda_event_source_mapping.sqs : m.function_response_types == toset(["ReportBatchItemFailures"])])
    error_message = "SQS mappings must report batch item failures."
  }
  assert {
    condition     = toset(keys(aws_lambda_event_source_mapping.stream)) == toset(["track/clicks", "sync/table-changes"])
    error_message = "Each stream must be wired to the function whose trigger names it."
  }
  assert {
    condition = (contains(jsondecode(aws_iam_role_policy.this["bill"].policy).Statement[*].Resource, ["arn:aws:sqs:eu-west-1:111122223333:orders-orders-queue"])
    && !strcontains(aws_iam_role_policy.this["bill"].policy, "arn:aws:sqs:eu-west-1:111122223333:audit"))
    error_message = "bill's role may read its queue and not audit's."
  }
  assert {
    condition     = length(jsondecode(aws_iam_role_policy.this["hello"].policy).Statement) == 1
    error_message = "A function without sources may only write its logs."
  }
  assert {
    condition     = keys(aws_sns_topic_subscription.this) == ["audit/orders-topic"] && keys(aws_lambda_permission.s3) == ["thumbnail/uploads"]
    error_message = "Subscriptions and notifications must go to their own function's Lambda function."
  }
  assert {
    condition     = keys(aws_cloudwatch_event_target.schedule) == ["nightly-report/nightly"] && aws_cloudwatch_event_target.schedule["nightly-report/nightly"].rule == "orders-nightly"
    error_message = "The schedule must target the function that it triggers."
  }
}

run "one_rule_per_function_and_eventbridge_source" {
  command = plan

  assert {
    condition     = toset(keys(aws_cloudwatch_event_rule.pattern)) == toset(["ship/orders-bus", "notify/orders-bus", "index-upload/s3-events", "partner-sync/partner-bus"])
    error_message = "One rule per function and EventBridge source its triggers use."
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.pattern["ship/orders-bus"].event_pattern) == { detail-type = ["Order Shipped"], source = ["com.acme.orders"] }
    error_message = "ship's rule must match only its type: ${aws_cloudwatch_event_rule.pattern["ship/orders-bus"].event_pattern}"
  }
  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.pattern["notify/orders-bus"].event_pattern) == {
      detail-type = ["Order Created", { prefix = "Refund" }], source = ["com.acme.orders"]
    }
    error_message = "notify's rule must match its two triggers' types (exact and prefix): ${aws_cloudwatch_event_rule.pattern["notify/orders-bus"].event_pattern}"
  }
  assert {
    condition     = aws_cloudwatch_event_rule.pattern["ship/orders-bus"].name == "orders-ship-orders-bus" && aws_cloudwatch_event_rule.pattern["ship/orders-bus"].event_bus_name == "default"
    error_message = "Rules are named <lambda>-<source>, on the default bus unless the source names one."
  }
}

run "http_api_routes_each_function_to_its_lambda" {
  command = plan

  assert {
    condition     = contains(keys(aws_apigatewayv2_route.this), "ANY /bill") && length(aws_apigatewayv2_route.this) == 12 && !contains(keys(aws_apigatewayv2_route.this), "$default")
    error_message = "Per-function mode routes ANY /<function> to each function's Lambda function."
  }
  assert {
    condition     = length(aws_lambda_permission.http_api) == 12
    error_message = "API Gateway needs permission to invoke each Lambda function."
  }
}
