# Today's manifests (no sources, only delivery.timeout), the native flavour, function URLs, tracing, MSK, VPC and the
# HTTP API's options.

mock_provider "aws" {
  override_during = plan

  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/mock" }
  }
}

variables {
  manifest_path = "tests/fixtures/today.json"
  zip_path      = "tests/fixtures/function.zip.placeholder"
}

run "native_flavour_with_function_url" {
  command = plan

  variables {
    flavour      = "native"
    architecture = "arm64"
    http         = "function-url"
  }

  assert {
    condition = (aws_lambda_function.this["plain"].runtime == "provided.al2023" && aws_lambda_function.this["plain"].handler == "bootstrap"
    && aws_lambda_function.this["plain"].architectures == tolist(["arm64"]))
    error_message = "The native flavour runs the bootstrap executable on provided.al2023."
  }
  assert {
    condition     = !contains(keys(aws_lambda_function.this["plain"].environment[0].variables), "JAVA_TOOL_OPTIONS")
    error_message = "JAVA_TOOL_OPTIONS is for the JVM only."
  }
  assert {
    condition     = !contains(keys(aws_lambda_function.this["plain"].environment[0].variables), "EVENTLOOM_LAMBDA_SOURCES") && output.lambda_sources == ""
    error_message = "Without sources there is no source map."
  }
  assert {
    condition     = aws_lambda_function_url.this["plain"].authorization_type == "AWS_IAM" && length(aws_apigatewayv2_api.this) == 0
    error_message = "A function URL, IAM-authorised by default, and no HTTP API."
  }
  assert {
    condition     = length(aws_lambda_event_source_mapping.sqs) + length(aws_lambda_event_source_mapping.stream) + length(aws_cloudwatch_event_rule.pattern) == 0
    error_message = "Triggers without a source wire nothing (they are reached over HTTP)."
  }
  assert {
    condition     = length(aws_lambda_function_event_invoke_config.this) == 0 && length(aws_lambda_function.this["plain"].dead_letter_config) == 0
    error_message = "No asynchronous sources, no asynchronous invocation settings."
  }
}

run "per_function_names_are_lambda_safe" {
  command = plan

  variables {
    deployment_mode = "per-function"
    name            = "acme plain"
  }

  assert {
    condition     = aws_lambda_function.this["greet.v2"].function_name == "acme-plain-greet-v2"
    error_message = "Characters Lambda does not allow become '-': ${aws_lambda_function.this["greet.v2"].function_name}"
  }
}

run "extra_environment_wins" {
  command = plan

  variables {
    environment          = { JAVA_TOOL_OPTIONS = "-XX:+UseSerialGC", EVENTLOOM_DEFAULT_TIMEOUT = "3s" }
    reserved_concurrency = 5
  }

  assert {
    condition = (aws_lambda_function.this["plain"].environment[0].variables["JAVA_TOOL_OPTIONS"] == "-XX:+UseSerialGC"
    && aws_lambda_function.this["plain"].environment[0].variables["EVENTLOOM_DEFAULT_TIMEOUT"] == "3s")
    error_message = "Users' variables must be added and win over the module's."
  }
  assert {
    condition     = aws_lambda_function.this["plain"].reserved_concurrent_executions == 5
    error_message = "Reserved concurrency must be set."
  }
}

run "active_tracing_grants_xray_writes" {
  command = plan

  variables {
    tracing_mode = "Active"
  }

  assert {
    condition     = aws_lambda_function.this["plain"].tracing_config[0].mode == "Active"
    error_message = "Tracing mode must be set."
  }
  assert {
    condition = contains(jsondecode(aws_iam_role_policy.this["plain"].policy).Statement, {
      Sid = "WriteTraces", Effect = "Allow", Action = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource = ["*"]
    })
    error_message = "Active tracing needs the X-Ray put actions (which take no resource)."
  }
}

run "msk_topics_and_consumer_groups_are_scoped" {
  command = plan

  variables {
    manifest_path = "tests/fixtures/kafka.json"
    sources = {
      payments = {
        kind   = "msk", arn = "arn:aws:kafka:eu-west-1:111122223333:cluster/pay/0f1e2d3c-aaaa-bbbb-cccc-111122223333-1"
        topics = ["payments"], starting_position = "TRIM_HORIZON", batch_size = 100
      }
      refunds = {
        kind = "sqs", arn = "arn:aws:sqs:eu-west-1:111122223333:refunds"
      }
    }
    dead_letter_targets = { payments-failed = "arn:aws:s3:::acme-failed-payments" }
  }

  assert {
    condition = (aws_lambda_event_source_mapping.kafka["ingest/payments"].topics == toset(["payments"])
      && aws_lambda_event_source_mapping.kafka["ingest/payments"].starting_position == "TRIM_HORIZON"
    && aws_lambda_event_source_mapping.kafka["ingest/payments"].function_response_types == null)
    error_message = "The MSK mapping reads the topics; Kafka batches fail whole (no ReportBatchItemFailures)."
  }
  assert {
    condition     = aws_lambda_event_source_mapping.kafka["ingest/payments"].destination_config[0].on_failure[0].destination_arn == "arn:aws:s3:::acme-failed-payments"
    error_message = "Failed Kafka batches go to the deadLetter."
  }
  assert {
    condition     = aws_lambda_event_source_mapping.sqs["ingest/refunds"].scaling_config[0].maximum_concurrency == 2
    error_message = "SQS maximum concurrency is at least 2 (Lambda's minimum)."
  }
  assert {
    condition = alltrue([for s in jsondecode(aws_iam_role_policy.this["ingest"].policy).Statement :
      s.Resource != ["*"] || alltrue([for a in s.Action : startswith(a, "ec2:")])
    ])
    error_message = "Only the EC2 network-interface actions MSK needs may be granted on \"*\"."
  }
  assert {
    condition = contains(jsondecode(aws_iam_role_policy.this["ingest"].policy).Statement[*].Resource, [
      "arn:aws:kafka:eu-west-1:111122223333:topic/pay/0f1e2d3c-aaaa-bbbb-cccc-111122223333-1/payments",
    ])
    error_message = "Reading is granted on the consumed topic only: ${aws_iam_role_policy.this["ingest"].policy}"
  }
  assert {
    condition = contains(jsondecode(aws_iam_role_policy.this["ingest"].policy).Statement[*].Resource, [
      "arn:aws:s3:::acme-failed-payments", "arn:aws:s3:::acme-failed-payments/*",
    ])
    error_message = "The role may write failed batches to the S3 destination."
  }
  assert {
    condition = alltrue(flatten([for s in jsondecode(aws_iam_role_policy.this["ingest"].policy).Statement : [
      for a in s.Action : a != "*" && !endswith(a, ":*")
    ]]))
    error_message = "No statement may allow \"*\" or \"service:*\"."
  }
}

# The manifest says what the build packaged: the module takes the runtime, handler and architecture from it.
run "the_packaging_comes_from_the_manifest" {
  command = plan

  variables {
    manifest_path = "tests/fixtures/native-arm64.json"
  }

  assert {
    condition = (aws_lambda_function.this["native-plain"].runtime == "provided.al2023" && aws_lambda_function.this["native-plain"].handler == "bootstrap"
    && aws_lambda_function.this["native-plain"].architectures == tolist(["arm64"]))
    error_message = "A native arm64 build is deployed as one, with no variable saying so."
  }
}

run "a_flavour_that_contradicts_the_build_fails_the_plan" {
  command = plan

  variables {
    manifest_path = "tests/fixtures/native-arm64.json"
    flavour       = "jvm"
  }

  expect_failures = [aws_lambda_function.this]
}

run "an_architecture_that_contradicts_a_native_build_fails_the_plan" {
  command = plan

  variables {
    manifest_path = "tests/fixtures/native-arm64.json"
    architecture  = "x86_64"
  }

  expect_failures = [aws_lambda_function.this]
}

run "snap_start_is_refused_for_a_native_build" {
  command = plan

  variables {
    manifest_path = "tests/fixtures/native-arm64.json"
    snap_start    = true
  }

  expect_failures = [aws_lambda_function.this]
}

run "vpc_and_http_api_options" {
  command = plan

  variables {
    http                   = "http-api"
    vpc_subnet_ids         = ["subnet-1", "subnet-2"]
    vpc_security_group_ids = ["sg-1"]
    cors_configuration     = { allow_origins = ["https://app.example"], allow_methods = ["GET", "POST"] }
    jwt_authorizer         = { issuer = "https://issuer.example", audience = ["functions"] }
    http_api_throttling    = { rate_limit = 100, burst_limit = 50 }
  }

  assert {
    condition     = aws_lambda_function.this["plain"].vpc_config[0].subnet_ids == toset(["subnet-1", "subnet-2"]) && aws_lambda_function.this["plain"].vpc_config[0].security_group_ids == toset(["sg-1"])
    error_message = "The function runs in the given subnets and security groups."
  }
  assert {
    condition     = contains([for s in jsondecode(aws_iam_role_policy.this["plain"].policy).Statement : s.Sid], "ReachVpcNetwork")
    error_message = "Lambda needs the network-interface permissions to run in a VPC."
  }
  assert {
    condition     = aws_apigatewayv2_api.this[0].cors_configuration[0].allow_origins == toset(["https://app.example"])
    error_message = "CORS is configured on the HTTP API."
  }
  assert {
    condition     = alltrue([for r in aws_apigatewayv2_route.this : r.authorization_type == "JWT"]) && aws_apigatewayv2_authorizer.jwt[0].jwt_configuration[0].issuer == "https://issuer.example"
    error_message = "Every route requires the JWT authorizer."
  }
  assert {
    condition     = aws_apigatewayv2_stage.this[0].default_route_settings[0].throttling_rate_limit == 100
    error_message = "The stage throttles as asked."
  }
}
