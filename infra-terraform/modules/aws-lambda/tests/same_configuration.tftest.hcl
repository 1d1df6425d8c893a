# Every input may be unknown at plan time: sources, buckets, dead letters and policies created in the same root
# configuration as the module. The mocked provider leaves computed attributes unknown during plan, as AWS does.

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "111122223333" }
  }
}

run "inputs_created_in_the_same_configuration_plan" {
  command = plan

  module {
    source = "./tests/same-configuration"
  }

  assert {
    condition     = length(module.functions.function_names) == 1
    error_message = "The plan must hold the application's Lambda function."
  }
}
