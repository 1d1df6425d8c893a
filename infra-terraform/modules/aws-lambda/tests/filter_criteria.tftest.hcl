# Event source mapping filter criteria compiled from the triggers' type filters, only where AWS sees the type and a
# filter cannot drop a record the runtime would deliver.

mock_provider "aws" {
  override_during = plan

  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/mock" }
  }
}

variables {
  manifest_path = "tests/fixtures/filters.json"
  zip_path      = "tests/fixtures/function.zip.placeholder"
  sources = {
    orders = { kind = "sqs", create = true }
    raw    = { kind = "sqs", create = true }
    clicks = { kind = "kinesis", arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/clicks" }
    table  = { kind = "dynamodb", arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/t/stream/2026-01-01T00:00:00.000" }
    mixed  = { kind = "sqs", arn = "arn:aws:sqs:eu-west-1:111122223333:mixed" }
    kafka  = { kind = "msk", arn = "arn:aws:kafka:eu-west-1:111122223333:cluster/c/1", topics = ["payments"] }
  }
}

run "type_filters_become_filter_criteria" {
  command = plan

  assert {
    condition = (jsondecode(one(aws_lambda_event_source_mapping.sqs["filters/orders"].filter_criteria[0].filter).pattern)
    == { body = { type = ["com.acme.order.created", { prefix = "com.acme.refund." }] } })
    error_message = "An SQS queue whose triggers all filter the type gets a pattern on the body's type (exact values and prefixes)."
  }
  assert {
    condition     = jsondecode(one(aws_lambda_event_source_mapping.stream["filters/clicks"].filter_criteria[0].filter).pattern) == { data = { type = ["com.acme.click"] } }
    error_message = "A Kinesis stream gets a pattern on the record data's type."
  }
  assert {
    condition     = jsondecode(one(aws_lambda_event_source_mapping.stream["filters/table"].filter_criteria[0].filter).pattern) == { eventName = ["INSERT", "REMOVE"] }
    error_message = "A DynamoDB stream's com.amazonaws.dynamodb.<eventName> types become an eventName pattern."
  }
}

run "no_filter_where_it_could_drop_what_the_runtime_delivers" {
  command = plan

  assert {
    condition     = length(aws_lambda_event_source_mapping.sqs["filters/raw"].filter_criteria) == 0
    error_message = "A trigger on the type plain SQS messages get (com.amazonaws.sqs.message) cannot be expressed on the body."
  }
  assert {
    condition     = length(aws_lambda_event_source_mapping.sqs["filters/mixed"].filter_criteria) == 0
    error_message = "One trigger without a type filter on the queue means every message may be delivered."
  }
  assert {
    condition     = length(aws_lambda_event_source_mapping.kafka["filters/kafka"].filter_criteria) == 0
    error_message = "Kafka records may carry the type in headers, which AWS filters do not see."
  }
}

run "a_source_filter_criteria_replaces_or_turns_off_the_derived_one" {
  command = plan

  variables {
    sources = {
      orders = { kind = "sqs", create = true, filter_criteria = [] }
      raw    = { kind = "sqs", create = true, filter_criteria = ["{\"body\":{\"kind\":[\"archive\"]}}"] }
      clicks = { kind = "kinesis", arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/clicks" }
      table  = { kind = "dynamodb", arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/t/stream/2026-01-01T00:00:00.000" }
      mixed  = { kind = "sqs", arn = "arn:aws:sqs:eu-west-1:111122223333:mixed" }
      kafka  = { kind = "msk", arn = "arn:aws:kafka:eu-west-1:111122223333:cluster/c/1", topics = ["payments"] }
    }
  }

  assert {
    condition     = length(aws_lambda_event_source_mapping.sqs["filters/orders"].filter_criteria) == 0
    error_message = "filter_criteria = [] turns filtering off."
  }
  assert {
    condition     = one(aws_lambda_event_source_mapping.sqs["filters/raw"].filter_criteria[0].filter).pattern == "{\"body\":{\"kind\":[\"archive\"]}}"
    error_message = "A source's own patterns are used as given."
  }
}
