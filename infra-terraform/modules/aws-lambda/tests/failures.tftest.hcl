# What cannot be deployed fails the plan, naming the function, the source and what to add.

mock_provider "aws" {}

variables {
  manifest_path = "tests/fixtures/orders.json"
  zip_path      = "tests/fixtures/function.zip.placeholder"
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
    nightly       = { kind = "schedule", create = true, schedule_expression = "rate(1 day)" }
  }
  dead_letter_targets = { billing-dlq = "arn:aws:sqs:eu-west-1:111122223333:billing-dlq" }
}

run "a_trigger_on_an_unbound_source_fails_the_plan" {
  command = plan

  variables {
    sources = {
      orders-queue  = { kind = "sqs", create = true }
      audit-queue   = { kind = "sqs", arn = "arn:aws:sqs:eu-west-1:111122223333:audit" }
      orders-topic  = { kind = "sns", arn = "arn:aws:sns:eu-west-1:111122223333:orders" }
      uploads       = { kind = "s3", bucket = "acme-uploads" }
      table-changes = { kind = "dynamodb", arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2024-01-01T00:00:00.000" }
      orders-bus    = { kind = "eventbridge", event_source = "com.acme.orders" }
      s3-events     = { kind = "eventbridge", event_source = "aws.s3", arn = "arn:aws:s3:::acme-archive" }
      partner-bus   = { kind = "eventbridge", event_source = "com.partner" }
      nightly       = { kind = "schedule", create = true, schedule_expression = "rate(1 day)" }
    }
  }

  expect_failures = [aws_lambda_function.this]
}

run "a_queue_shared_by_per_function_lambdas_fails_the_plan" {
  command = plan

  variables {
    manifest_path   = "tests/fixtures/shared-queue.json"
    deployment_mode = "per-function"
    sources         = { work = { kind = "sqs", create = true } }
  }

  expect_failures = [aws_lambda_function.this]
}

run "a_shared_queue_is_fine_in_application_mode" {
  command = plan

  variables {
    manifest_path = "tests/fixtures/shared-queue.json"
    sources       = { work = { kind = "sqs", create = true } }
  }

  assert {
    condition     = length(aws_lambda_event_source_mapping.sqs) == 1
    error_message = "One mapping feeds both functions of the one Lambda function."
  }
}

run "a_missing_package_fails_the_plan" {
  command = plan

  variables {
    zip_path = "tests/fixtures/no-such-function.zip"
  }

  expect_failures = [aws_lambda_function.this]
}

run "an_unknown_kind_is_rejected" {
  command = plan

  variables {
    sources = { orders-queue = { kind = "rabbitmq" } }
  }

  expect_failures = [var.sources]
}

run "an_existing_resource_kind_needs_its_arn" {
  command = plan

  variables {
    sources = { uploads = { kind = "s3" } }
  }

  expect_failures = [var.sources]
}

run "a_queue_is_bound_by_arn_or_created_never_guessed" {
  command = plan

  variables {
    sources = { work = { kind = "sqs" } }
  }

  expect_failures = [var.sources]
}

run "a_created_source_takes_no_arn" {
  command = plan

  variables {
    sources = { work = { kind = "sqs", create = true, arn = "arn:aws:sqs:eu-west-1:111122223333:work" } }
  }

  expect_failures = [var.sources]
}

run "an_unused_source_warns" {
  command = plan

  variables {
    manifest_path = "tests/fixtures/today.json"
    sources       = { spare = { kind = "sqs", create = true } }
  }

  expect_failures = [check.sources_are_used]
}

run "two_logical_sources_on_one_resource_fail_the_plan" {
  command = plan

  variables {
    sources = {
      orders-queue  = { kind = "sqs", create = true }
      audit-queue   = { kind = "sqs", arn = "arn:aws:sqs:eu-west-1:111122223333:audit" }
      orders-topic  = { kind = "sns", arn = "arn:aws:sns:eu-west-1:111122223333:orders" }
      uploads       = { kind = "s3", bucket = "acme-uploads" }
      clicks        = { kind = "kinesis", arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/clicks" }
      table-changes = { kind = "dynamodb", arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2024-01-01T00:00:00.000" }
      orders-bus    = { kind = "eventbridge", event_source = "com.acme.orders" }
      s3-events     = { kind = "eventbridge", event_source = "com.acme.orders" }
      partner-bus   = { kind = "eventbridge", event_source = "com.partner" }
      nightly       = { kind = "schedule", create = true, schedule_expression = "rate(1 day)" }
    }
  }

  expect_failures = [aws_lambda_function.this]
}
