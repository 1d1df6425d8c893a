output "http_api_endpoint" {
  description = "Base URL of the HTTP API: POST /signup, GET /members, POST / for CloudEvents."
  value       = module.signups.http_api_endpoint
}

output "signups_queue_url" {
  description = "URL of the SQS queue bound to the logical source \"signups\"."
  value       = module.signups.queue_urls["signups"]
}

output "dead_letter_queue_url" {
  description = "URL of the queue receiving signups that failed max_receive_count times."
  value       = aws_sqs_queue.signups_dead_letters.url
}

output "function_name" {
  description = "Name of the Lambda function serving the application."
  value       = module.signups.function_names["signups"]
}

output "log_group_name" {
  description = "CloudWatch log group of the Lambda function."
  value       = module.signups.log_group_names["signups"]
}

output "lambda_sources" {
  description = "The EVENTLOOM_LAMBDA_SOURCES value the Lambda function gets."
  value       = module.signups.lambda_sources
}
