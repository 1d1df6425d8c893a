# HTTP: the application answers POST / (CloudEvents routed by triggers) and POST|GET /<function>.
#   http-api:     an API Gateway HTTP API, Lambda proxy integrations with payload format 2.0 and a $default stage that
#                 deploys automatically. Application mode: the $default route (every path) to the one Lambda function.
#                 Per-function mode: ANY /<function> to each function's Lambda function (POST / is not routed: only
#                 the application knows which function an event is for).
#   function-url: a function URL per Lambda function. With authorization NONE the AWS provider adds the public
#                 lambda:InvokeFunctionUrl permission itself (statement FunctionURLAllowPublicAccess).

locals {
  http_api = var.http == "http-api"
  http_routes = local.http_api ? {
    for key in keys(local.lambdas) : (local.per_function ? format("ANY /%s", key) : "$default") => key
  } : {}
}

resource "aws_apigatewayv2_api" "this" {
  count = local.http_api ? 1 : 0

  name          = local.base_name
  description   = "Eventloom ${local.application}"
  protocol_type = "HTTP"
  tags          = var.tags

  dynamic "cors_configuration" {
    for_each = var.cors_configuration == null ? [] : [var.cors_configuration]
    content {
      allow_credentials = cors_configuration.value.allow_credentials
      allow_headers     = cors_configuration.value.allow_headers
      allow_methods     = cors_configuration.value.allow_methods
      allow_origins     = cors_configuration.value.allow_origins
      expose_headers    = cors_configuration.value.expose_headers
      max_age           = cors_configuration.value.max_age
    }
  }
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  count = local.http_api && var.jwt_authorizer != null ? 1 : 0

  api_id           = aws_apigatewayv2_api.this[0].id
  name             = "${local.base_name}-jwt"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.jwt_authorizer.issuer
    audience = var.jwt_authorizer.audience
  }
}

resource "aws_apigatewayv2_integration" "this" {
  for_each = local.http_api ? local.lambdas : {}

  api_id                 = aws_apigatewayv2_api.this[0].id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = local.targets[each.key].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "this" {
  for_each = local.http_routes

  api_id    = aws_apigatewayv2_api.this[0].id
  route_key = each.key
  target    = "integrations/${aws_apigatewayv2_integration.this[each.value].id}"

  authorization_type = var.jwt_authorizer == null ? "NONE" : "JWT"
  authorizer_id      = var.jwt_authorizer == null ? null : aws_apigatewayv2_authorizer.jwt[0].id
}

resource "aws_apigatewayv2_stage" "this" {
  count = local.http_api ? 1 : 0

  api_id      = aws_apigatewayv2_api.this[0].id
  name        = "$default"
  auto_deploy = true
  tags        = var.tags

  dynamic "default_route_settings" {
    for_each = var.http_api_throttling == null ? [] : [var.http_api_throttling]
    content {
      throttling_rate_limit  = default_route_settings.value.rate_limit
      throttling_burst_limit = default_route_settings.value.burst_limit
    }
  }
}

resource "aws_lambda_permission" "http_api" {
  for_each = local.http_api ? local.lambdas : {}

  statement_id  = "eventloom-http-api"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this[each.key].function_name
  qualifier     = local.targets[each.key].qualifier
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this[0].execution_arn}/*/*"
}

resource "aws_lambda_function_url" "this" {
  for_each = var.http == "function-url" ? local.lambdas : {}

  function_name      = aws_lambda_function.this[each.key].function_name
  qualifier          = local.targets[each.key].qualifier
  authorization_type = var.function_url_auth_type
}
