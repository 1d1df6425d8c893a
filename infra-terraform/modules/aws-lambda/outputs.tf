output "function_names" {
  description = "Lambda function names, by Lambda: the application name in application mode, each function's name in per-function mode."
  value       = { for key, f in aws_lambda_function.this : key => f.function_name }
}

output "function_arns" {
  description = "Lambda function ARNs, by Lambda (keys as in function_names)."
  value       = { for key, f in aws_lambda_function.this : key => f.arn }
}

output "invoke_arns" {
  description = "What API Gateway and other services integrate with to invoke each Lambda (the alias when versions are published), by Lambda."
  value       = { for key, t in local.targets : key => t.invoke_arn }
}

output "alias_arns" {
  description = "ARN of the alias triggers invoke, by Lambda; empty unless versions are published (publish, snap_start)."
  value       = { for key, a in aws_lambda_alias.this : key => a.arn }
}

output "functions_served" {
  description = "The manifest functions each Lambda function serves, by Lambda (keys as in function_names)."
  value       = { for key, l in local.lambdas : key => l.functions }
}

output "role_arns" {
  description = "ARNs of the Lambda functions' execution roles, by Lambda (keys as in function_names); attach further policies to them if the functions call AWS."
  value       = { for key, r in aws_iam_role.this : key => r.arn }
}

output "log_group_names" {
  description = "CloudWatch log groups of the Lambda functions, by Lambda (keys as in function_names)."
  value       = { for key, g in aws_cloudwatch_log_group.this : key => g.name }
}

output "http_api_endpoint" {
  description = "Base URL of the HTTP API (http = \"http-api\"), null otherwise. POST / takes CloudEvents, POST|GET /<function> calls one function."
  value       = try(aws_apigatewayv2_stage.this[0].invoke_url, null)
}

output "function_urls" {
  description = "Function URLs by Lambda (http = \"function-url\"), empty otherwise."
  value       = { for key, u in aws_lambda_function_url.this : key => u.function_url }
}

output "lambda_sources" {
  description = "The EVENTLOOM_LAMBDA_SOURCES value the Lambda functions get: logical=identifier, comma-separated, sorted by logical name."
  value       = local.lambda_sources
}

output "source_arns" {
  description = "ARN of every bound logical source, created or given (EventBridge sources, which have none, are left out)."
  value       = local.source_arns
}

output "queue_urls" {
  description = "URLs of the SQS queues the module created, by logical source (for sending test messages)."
  value       = { for n, q in aws_sqs_queue.created : n => q.url }
}

output "wiring" {
  description = "What is wired to what: for each Lambda and logical source, the source's kind and the functions whose triggers use it."
  value       = { for k, w in local.wirings : k => { lambda = w.lambda, source = w.source, kind = w.kind, functions = w.functions } }
}
