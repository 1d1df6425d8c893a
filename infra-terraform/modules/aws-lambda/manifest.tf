# What the build manifest says, read once and normalised: every optional field is read with try() so that manifests
# of older and newer builds both work. The rest of the module only uses the locals defined here.

locals {
  manifest     = jsondecode(file(var.manifest_path))
  application  = local.manifest.application.name
  base_name    = replace(coalesce(var.name, local.application), "/[^A-Za-z0-9_-]/", "-")
  per_function = var.deployment_mode == "per-function"

  # Durations as the manifest writes them (@Delivery / resources): Quarkus's short form ("5s", "500ms", "2m", a bare
  # number of seconds) or ISO-8601 ("PT10S", "PT1M30S", "P1D").
  duration_texts = distinct(compact(flatten([for f in local.manifest.functions : [
    try(tostring(f.delivery.timeout), ""), try(tostring(f.resources.timeout), ""),
  ]])))
  short_durations = {
    for d in local.duration_texts : d => regex("^([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)?$", lower(trimspace(d)))
    if can(regex("^([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)?$", lower(trimspace(d))))
  }
  iso_durations = {
    for d in local.duration_texts : d => regex(local.iso_duration, lower(trimspace(d)))
    if can(regex(local.iso_duration, lower(trimspace(d)))) && length(trimspace(d)) > 2
  }
  iso_duration = "^p(?:([0-9]+(?:\\.[0-9]+)?)d)?(?:t(?:([0-9]+(?:\\.[0-9]+)?)h)?(?:([0-9]+(?:\\.[0-9]+)?)m)?(?:([0-9]+(?:\\.[0-9]+)?)s)?)?$"
  unit_seconds = { ms = 0.001, s = 1, m = 60, h = 3600, d = 86400 }
  duration_seconds = merge(
    { for d, m in local.short_durations : d => tonumber(m[0]) * local.unit_seconds[coalesce(m[1], "s")] },
    { for d, m in local.iso_durations : d => (
      tonumber(coalesce(m[0], "0")) * 86400 + tonumber(coalesce(m[1], "0")) * 3600 +
      tonumber(coalesce(m[2], "0")) * 60 + tonumber(coalesce(m[3], "0"))
    ) },
  )
  bad_durations = [for d in local.duration_texts : d if !contains(keys(local.duration_seconds), d)]

  # One entry per manifest function, with the Lambda function that serves it.
  functions = {
    for f in local.manifest.functions : f.name => {
      name             = f.name
      lambda           = local.per_function ? f.name : local.application
      retries          = try(tonumber(f.delivery.retries), null)
      max_concurrency  = try(tonumber(f.delivery.maxConcurrency), null)
      dead_letter      = try(tostring(f.delivery.deadLetter), null)
      delivery_timeout = try(local.duration_seconds[tostring(f.delivery.timeout)], null)
      memory           = try(tonumber(f.resources.memory), null)
      timeout          = try(ceil(local.duration_seconds[tostring(f.resources.timeout)]), null)
    }
  }

  # A deadLetter is an ARN, or a logical sink name resolved through var.dead_letter_targets.
  dead_letter_arns = {
    for name, f in local.functions : name => (
      f.dead_letter == null ? null : startswith(f.dead_letter, "arn:") ? f.dead_letter : lookup(var.dead_letter_targets, f.dead_letter, null)
    )
  }
  unresolved_dead_letters = {
    for name, f in local.functions : name => f.dead_letter
    if f.dead_letter != null && !startswith(coalesce(f.dead_letter, "-"), "arn:") && !contains(keys(var.dead_letter_targets), coalesce(f.dead_letter, "-"))
  }

  # Every trigger, with what an EventBridge rule can pre-filter of it: an exact, prefix or suffix filter on `type`
  # (the detail-type of EventBridge events, which the Lambda binding makes the CloudEvents type), written as one JSON
  # element of a detail-type pattern, "" for none. Filters
  # are ANDed, so one such filter (at the top level or in an `all`) is enough; the others (cesql, any, not, other
  # attributes) are left to the runtime, which filters every event again.
  raw_triggers = flatten([for f in local.manifest.functions : [for i, t in try(f.triggers, []) : {
    function = f.name
    index    = i
    source   = try(tostring(t.source), "")
    filters  = concat(try(t.filters, []), flatten([for g in try(t.filters, []) : try(g.all, [])]))
  }]])
  # S3 events through EventBridge get the CloudEvents type com.amazonaws.s3.<detail-type without spaces>, as S3's own
  # notifications do: an exact type filter maps back to the detail-type.
  s3_detail_types = {
    for dt in [
      "Object Created", "Object Deleted", "Object Restore Initiated", "Object Restore Completed", "Object Restore Expired",
      "Object Tags Added", "Object Tags Deleted", "Object ACL Updated", "Object Storage Class Changed",
      "Object Access Tier Changed",
    ] : "com.amazonaws.s3.${replace(dt, " ", "")}" => dt
  }
  triggers = [for t in local.raw_triggers : {
    function = t.function
    lambda   = local.functions[t.function].lambda
    index    = t.index
    source   = t.source
    type_pattern = (
      length([for g in t.filters : 1 if can(tostring(g.exact.type))]) > 0
      ? jsonencode([for g in t.filters : tostring(g.exact.type) if can(tostring(g.exact.type))][0])
      : length([for g in t.filters : 1 if can(tostring(g.prefix.type))]) > 0
      ? jsonencode({ prefix = [for g in t.filters : tostring(g.prefix.type) if can(tostring(g.prefix.type))][0] })
      : length([for g in t.filters : 1 if can(tostring(g.suffix.type))]) > 0
      ? jsonencode({ suffix = [for g in t.filters : tostring(g.suffix.type) if can(tostring(g.suffix.type))][0] })
      : ""
    )
    s3_type_pattern = try(jsonencode(local.s3_detail_types[[for g in t.filters : tostring(g.exact.type) if can(tostring(g.exact.type))][0]]), "")
    # The same type filter as an operator and a value, for the event source mappings' filter criteria.
    type_filter = (
      length([for g in t.filters : 1 if can(tostring(g.exact.type))]) > 0
      ? { op = "exact", value = [for g in t.filters : tostring(g.exact.type) if can(tostring(g.exact.type))][0] }
      : length([for g in t.filters : 1 if can(tostring(g.prefix.type))]) > 0
      ? { op = "prefix", value = [for g in t.filters : tostring(g.prefix.type) if can(tostring(g.prefix.type))][0] }
      : { op = "", value = "" }
    )
  }]
  sourced_triggers = [for t in local.triggers : t if t.source != ""]
  missing_sources  = [for t in local.sourced_triggers : t if !contains(keys(var.sources), t.source)]
  used_sources     = distinct([for t in local.sourced_triggers : t.source])
  unused_sources   = sort([for n in keys(var.sources) : n if !contains(local.used_sources, n)])

  # The Lambda functions: one for the application, or one per manifest function.
  lambda_keys = local.per_function ? keys(local.functions) : [local.application]
  lambdas = {
    for key in local.lambda_keys : key => {
      function_name = local.per_function ? "${local.base_name}-${replace(key, "/[^A-Za-z0-9_-]/", "-")}" : local.base_name
      functions     = sort([for f in values(local.functions) : f.name if f.lambda == key])
      memory_size = (local.per_function
        ? coalesce(local.functions[key].memory, var.memory_size)
        : max(concat([var.memory_size], [for f in values(local.functions) : f.memory if f.memory != null])...)
      )
      timeout = (local.per_function
        ? coalesce(local.functions[key].timeout, var.timeout)
        : max(concat([var.timeout], [for f in values(local.functions) : f.timeout if f.timeout != null])...)
      )
    }
  }
  longest_timeout = max(concat([var.timeout], [for l in values(local.lambdas) : l.timeout])...)

  # The wiring: one entry per Lambda function and logical source its functions' triggers use.
  wirings = {
    for key, ts in { for t in local.sourced_triggers : "${t.lambda}/${t.source}" => t... if contains(keys(var.sources), t.source) } :
    key => {
      lambda        = ts[0].lambda
      source        = ts[0].source
      kind          = var.sources[ts[0].source].kind
      functions     = sort(distinct([for t in ts : t.function]))
      type_patterns = [for t in ts : var.sources[ts[0].source].event_source == "aws.s3" ? t.s3_type_pattern : t.type_pattern]
      type_filters  = [for t in ts : t.type_filter]
    }
  }
}
