# The signups example on AWS Lambda: one Lambda function (JVM) serving register (triggered by the logical source
# "signups", an SQS queue the module creates) and the HTTP functions signup and members behind an HTTP API. A signup
# that keeps failing is moved to a dead-letter queue.

locals {
  app = "${path.module}/../../../functions-examples/signups/target"
}

resource "aws_sqs_queue" "signups_dead_letters" {
  name                      = "${var.name}-signups-dead-letters"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

module "signups" {
  source = "../../modules/aws-lambda"

  manifest_path   = "${local.app}/eventloom/manifest.json"
  zip_path        = "${local.app}/function.zip"
  name            = var.name
  deployment_mode = "application"
  http            = "http-api"

  sources = {
    signups = {
      kind              = "sqs"
      create            = true
      dead_letter_arn   = aws_sqs_queue.signups_dead_letters.arn
      max_receive_count = var.max_receive_count
    }
  }
}
