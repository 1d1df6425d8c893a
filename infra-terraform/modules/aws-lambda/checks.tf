# Warnings: what deploys but probably not as meant. (What cannot deploy fails the plan: see the precondition on
# aws_lambda_function.this.)

check "sources_are_used" {
  assert {
    condition     = length(local.unused_sources) == 0
    error_message = "No trigger in ${var.manifest_path} uses the logical source(s) ${join(", ", local.unused_sources)}: they are in EVENTLOOM_LAMBDA_SOURCES (and created, if the module creates them) but wired to no function."
  }
}

check "dead_letters_resolve" {
  assert {
    condition     = length(local.unresolved_dead_letters) == 0
    error_message = "Dead-letter sink(s) ${jsonencode(local.unresolved_dead_letters)} (function => deadLetter) are neither ARNs nor keys of var.dead_letter_targets: no infrastructure dead letter is configured for them."
  }
}

check "one_async_dead_letter_per_lambda" {
  assert {
    condition     = alltrue([for key, arns in local.async_dead_letters : length(arns) <= 1])
    error_message = "A Lambda function has one dead-letter queue, but the functions with asynchronous triggers (SNS, S3, EventBridge, schedules) of ${join(", ", [for key, arns in local.async_dead_letters : key if length(arns) > 1])} name different deadLetters: none is configured. Agree on one, or use per-function mode."
  }
}

check "durations_parse" {
  assert {
    condition     = length(local.bad_durations) == 0
    error_message = "Duration(s) ${join(", ", local.bad_durations)} in ${var.manifest_path} are neither Quarkus short form (10s, 500ms) nor ISO-8601 (PT10S): ignored."
  }
}

check "delivery_timeouts_fit" {
  assert {
    condition = alltrue([for f in values(local.functions) :
      f.delivery_timeout == null ? true : f.delivery_timeout < local.lambdas[f.lambda].timeout
    ])
    error_message = "Function(s) ${join(", ", [for f in values(local.functions) : f.name if f.delivery_timeout == null ? false : f.delivery_timeout >= local.lambdas[f.lambda].timeout])} have a delivery timeout not shorter than their Lambda function's timeout: Lambda stops them first. Raise resources.timeout or var.timeout."
  }
}
