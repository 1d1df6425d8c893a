# The Lambda function(s), their roles and log groups.

locals {
  # What the build packaged (manifest.packaging, written by builds since it exists); the variables only fill in what
  # an older manifest does not say, and a variable that contradicts the build fails the plan.
  packaging    = try(local.manifest.packaging, {})
  flavour      = coalesce(try(local.packaging.kind, null), var.flavour, "jvm")
  architecture = coalesce(try(local.packaging.architecture, null), var.architecture, "x86_64")
  runtime      = try(local.packaging.lambda.runtime, local.flavour == "jvm" ? "java21" : "provided.al2023")
  handler      = try(local.packaging.lambda.handler, local.flavour == "jvm" ? "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest" : "bootstrap")
  publish      = var.publish || var.snap_start

  # What triggers invoke: the alias when versions are published, else the function itself.
  targets = {
    for key, l in local.lambdas : key => {
      arn        = local.publish ? aws_lambda_alias.this[key].arn : aws_lambda_function.this[key].arn
      invoke_arn = local.publish ? aws_lambda_alias.this[key].invoke_arn : aws_lambda_function.this[key].invoke_arn
      qualifier  = local.publish ? aws_lambda_alias.this[key].name : null
    }
  }

  packaging_problems = concat(
    var.snap_start && local.flavour != "jvm" ? ["snap_start is for the JVM flavour: a native executable starts without it."] : [],
    var.flavour != null && var.flavour != local.flavour ? [format(
      "flavour is \"%s\", but %s describes a %s build: drop flavour (the manifest says it), or deploy the package of the build it names.",
      var.flavour, var.manifest_path, local.flavour
    )] : [],
    var.architecture != null && var.architecture != local.architecture ? [format(
      "architecture is \"%s\", but the native executable of %s was built for %s: drop architecture, or build on (or for) %s.",
      var.architecture, var.manifest_path, local.architecture, var.architecture
    )] : [],
    try(local.packaging.lambda, null) == null && try(local.packaging.kind, null) != null ? [format(
      "%s describes a build without the Lambda binding (no packaging.lambda): add dev.eventloom:eventloom-lambda to the application.",
      var.manifest_path
    )] : [],
  )

  # logical=identifier for every bound source, sorted by name: what the Lambda binding maps event source ARNs (or
  # EventBridge `source` values) back to logical names with.
  lambda_sources = join(",", [for n in sort(keys(local.source_identifiers)) : "${n}=${local.source_identifiers[n]}"])

  environment = {
    for key, l in local.lambdas : key => merge(
      { QUARKUS_HTTP_HOST_ENABLED = "false" },
      local.flavour == "jvm" && var.java_tool_options != "" ? { JAVA_TOOL_OPTIONS = var.java_tool_options } : {},
      length(var.sources) > 0 ? { EVENTLOOM_LAMBDA_SOURCES = local.lambda_sources } : {},
      local.per_function ? { EVENTLOOM_LAMBDA_FUNCTIONS = join(",", l.functions) } : {},
      var.environment,
    )
  }

  # What the manifest asks that this configuration cannot give; the plan fails and lists all of it, per Lambda.
  problems = {
    for key, l in local.lambdas : key => concat(
      local.packaging_problems,
      [for t in local.missing_sources : format(
        "Function '%s' (its trigger no. %d) uses logical source '%s', which var.sources does not bind. Add it to sources, e.g. sources = { \"%s\" = { kind = \"sqs\", create = true } } to create a queue, or { kind = \"sns\", arn = \"arn:aws:sns:...\" } to bind an existing topic.",
        t.function, t.index + 1, t.source, t.source
      ) if t.lambda == key],
      [for w in values(local.wirings) : format(
        "Logical source '%s' (%s) is used by functions %s, each served by its own Lambda function in per-function mode, but %s. Use application mode, or fan out (an SNS topic or EventBridge rule with one queue or target per function).",
        w.source, w.kind, join(", ", local.source_functions[w.source]),
        w.kind == "sqs" ? "an SQS queue hands each message to one consumer only" : "S3 allows one notification target per event and prefix"
      ) if local.per_function && w.lambda == key && contains(["sqs", "s3"], w.kind) && length(local.source_functions[w.source]) > 1],
      [for id, names in local.shared_identifiers : format(
        "Logical sources %s all bind %s: the Lambda binding maps what an event carries to one logical name (and refuses to start with one identifier under two names). Bind each logical source to its own resource, or name one source in the triggers and drop the others from sources.",
        join(", ", names), id
      )],
      length(l.function_name) > 64 ? [format("Lambda function name '%s' is longer than 64 characters: shorten var.name.", l.function_name)] : [],
      length([for o in values(local.lambdas) : o if o.function_name == l.function_name]) > 1 ? [format("Two functions map to the Lambda function name '%s' (Lambda allows only letters, digits, '-' and '_'): rename one.", l.function_name)] : [],
      try(local.manifest.manifestVersion, 0) == 1 ? [] : [format("%s has manifestVersion %s; this module reads version 1.", var.manifest_path, try(local.manifest.manifestVersion, "(none)"))],
      [for arn in local.failure_targets[key] : format(
        "Failure destination %s is not an SQS queue, SNS topic, Lambda function, event bus or S3 bucket ARN.", arn
      ) if !contains(keys(local.failure_actions), try(split(":", arn)[2], ""))],
      fileexists(var.zip_path) ? [] : [format("No deployment package at %s: build the application first (./mvnw package).", var.zip_path)],
    )
  }
  shared_identifiers = {
    for id, names in { for n, s in var.sources : coalesce(s.arn, s.event_source, "(created) ${n}") => n... } : id => sort(names)
    if length(names) > 1
  }
  source_functions = {
    for s in local.used_sources : s => sort(distinct([for t in local.sourced_triggers : t.function if t.source == s]))
  }

  # A dead-letter queue takes the failed asynchronous invocations (SNS, S3, EventBridge, schedules). Lambda has one per
  # function, so in application mode the functions with asynchronous triggers must agree on it.
  async_kinds = ["sns", "s3", "eventbridge", "schedule"]
  # The dead letters as the manifest names them (known at plan time) and as ARNs (which may come from resources of the
  # same configuration, unknown until apply: they only ever set attributes, never decide what exists).
  async_dead_letter_names = {
    for key, l in local.lambdas : key => distinct(flatten([
      for w in values(local.wirings) : [for f in w.functions : local.functions[f].dead_letter if local.functions[f].dead_letter != null]
      if w.lambda == key && contains(local.async_kinds, w.kind)
    ]))
  }
  async_dead_letters = {
    for key, l in local.lambdas : key => distinct(flatten([
      for w in values(local.wirings) : [for f in w.functions : local.dead_letter_arns[f] if local.functions[f].dead_letter != null]
      if w.lambda == key && contains(local.async_kinds, w.kind)
    ]))
  }
  async_dead_letter = {
    for key, arns in local.async_dead_letters : key => length(arns) == 1 ? arns[0] : null
  }
  # Asynchronous retries (Lambda allows 0 to 2) for Lambdas with asynchronous sources; -1 for the others.
  async_retries = {
    for key, l in local.lambdas : key => (
      length([for w in values(local.wirings) : w if w.lambda == key && contains(local.async_kinds, w.kind)]) > 0
      ? min(2, var.infrastructure_retries) : -1
    )
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = local.lambdas

  name              = "/aws/lambda/${each.value.function_name}"
  retention_in_days = var.log_retention_in_days
  tags              = var.tags
}

resource "aws_iam_role" "this" {
  for_each = local.lambdas

  name                 = substr("${each.value.function_name}-lambda", 0, 64)
  description          = "Runs the Eventloom Lambda function ${each.value.function_name}"
  permissions_boundary = var.permissions_boundary
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "this" {
  for_each = local.lambdas

  name   = "eventloom-least-privilege"
  role   = aws_iam_role.this[each.key].id
  policy = jsonencode({ Version = "2012-10-17", Statement = local.policy_statements[each.key] })
}

resource "aws_iam_role_policy_attachment" "extra" {
  for_each = { for pair in setproduct(keys(local.lambdas), keys(var.policy_arns)) : "${pair[0]} ${pair[1]}" => pair }

  role       = aws_iam_role.this[each.value[0]].name
  policy_arn = var.policy_arns[each.value[1]]
}

resource "aws_lambda_function" "this" {
  for_each = local.lambdas

  function_name                  = each.value.function_name
  description                    = "Eventloom ${local.application}: ${length(each.value.functions) == 0 ? "no functions" : join(", ", each.value.functions)}"
  role                           = aws_iam_role.this[each.key].arn
  filename                       = var.zip_path
  source_code_hash               = fileexists(var.zip_path) ? filebase64sha256(var.zip_path) : null
  runtime                        = local.runtime
  handler                        = local.handler
  architectures                  = [local.architecture]
  memory_size                    = each.value.memory_size
  timeout                        = each.value.timeout
  reserved_concurrent_executions = var.reserved_concurrency
  publish                        = local.publish

  dynamic "snap_start" {
    for_each = var.snap_start ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  dynamic "vpc_config" {
    for_each = length(var.vpc_subnet_ids) > 0 ? [1] : []
    content {
      subnet_ids         = var.vpc_subnet_ids
      security_group_ids = var.vpc_security_group_ids
    }
  }

  environment {
    variables = local.environment[each.key]
  }

  tracing_config {
    mode = var.tracing_mode
  }

  logging_config {
    log_format = var.log_format
    log_group  = aws_cloudwatch_log_group.this[each.key].name
  }

  dynamic "dead_letter_config" {
    for_each = local.async_dead_letter[each.key] != null && contains(["sqs", "sns"], try(split(":", local.async_dead_letter[each.key])[2], "")) ? [local.async_dead_letter[each.key]] : []
    content {
      target_arn = dead_letter_config.value
    }
  }

  tags = var.tags

  # The policy must be in place before Lambda validates the event sources and before the first invocation logs.
  depends_on = [aws_iam_role_policy.this]

  lifecycle {
    precondition {
      condition     = length(local.problems[each.key]) == 0
      error_message = "The manifest ${var.manifest_path} cannot be deployed as configured:\n- ${join("\n- ", local.problems[each.key])}"
    }
  }
}

resource "aws_lambda_alias" "this" {
  for_each = local.publish ? local.lambdas : {}

  name             = var.alias_name
  description      = "What Eventloom's triggers invoke: the version published last."
  function_name    = aws_lambda_function.this[each.key].function_name
  function_version = aws_lambda_function.this[each.key].version
}

# Retries of asynchronous invocations (SNS, S3, EventBridge, schedules): infrastructure_retries (Lambda allows 0 to 2), and their on-failure destination when the deadLetter is not a queue or topic (a Lambda function or an
# event bus), which dead_letter_config cannot take.
resource "aws_lambda_function_event_invoke_config" "this" {
  for_each = {
    for key, l in local.lambdas : key => l
    if local.async_retries[key] >= 0 || length(local.async_dead_letter_names[key]) == 1
  }

  function_name          = aws_lambda_function.this[each.key].function_name
  qualifier              = local.targets[each.key].qualifier
  maximum_retry_attempts = local.async_retries[each.key] >= 0 ? local.async_retries[each.key] : null

  dynamic "destination_config" {
    for_each = local.async_dead_letter[each.key] != null && !contains(["sqs", "sns"], try(split(":", coalesce(local.async_dead_letter[each.key], "-"))[2], "")) ? [local.async_dead_letter[each.key]] : []
    content {
      on_failure {
        destination = destination_config.value
      }
    }
  }
}
