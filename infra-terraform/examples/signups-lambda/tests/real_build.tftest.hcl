# Plans the example against what the signups build really wrote (functions-examples/signups/target: the manifest and
# function.zip), as a user runs it; check.sh runs it after a build (.ci/run builds first). The provider is mocked:
# nothing is created, and computed attributes stay unknown during the plan, as they are against AWS.

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
}

run "the_real_build_plans_with_its_queue_and_http_api" {
  command = plan

  assert {
    condition     = keys(module.signups.function_names) == ["signups"]
    error_message = "One Lambda function serves the signups application."
  }
  assert {
    condition     = length(module.signups.wiring) == 1 && alltrue([for w in values(module.signups.wiring) : w.kind == "sqs" && jsonencode(w.functions) == jsonencode(["register"])])
    error_message = "The signups queue is wired to the register function, and nothing else is: ${jsonencode(module.signups.wiring)}"
  }
}
