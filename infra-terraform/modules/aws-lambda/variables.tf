variable "manifest_path" {
  description = "Path of the build manifest, target/eventloom/manifest.json, written by the Eventloom build. It says which functions there are and which logical sources their triggers use."
  type        = string
}

variable "zip_path" {
  description = "Path of the Lambda deployment package the build writes, target/function.zip (JVM or native). One zip serves every function."
  type        = string
}

variable "name" {
  description = "Name of the Lambda function (application mode) or prefix of the Lambda functions, \"<name>-<function>\" (per-function mode); also the prefix of every resource the module names. Defaults to the application name from the manifest. Characters Lambda does not allow become \"-\"."
  type        = string
  default     = null
}

variable "flavour" {
  description = "How the application was built: \"jvm\" (runtime java21, Quarkus's stream handler) or \"native\" (runtime provided.al2023, the bootstrap executable in the zip). Default: what the manifest's packaging says (jvm for manifests without it); a value that contradicts the manifest fails the plan."
  type        = string
  default     = null

  validation {
    condition     = var.flavour == null || contains(["jvm", "native"], coalesce(var.flavour, "jvm"))
    error_message = "flavour must be \"jvm\" or \"native\"."
  }
}

variable "architecture" {
  description = "Instruction set of the Lambda function(s): \"x86_64\" or \"arm64\". Default: the one a native build was made for (the manifest says it), else x86_64; a value that contradicts a native build fails the plan."
  type        = string
  default     = null

  validation {
    condition     = var.architecture == null || contains(["x86_64", "arm64"], coalesce(var.architecture, "x86_64"))
    error_message = "architecture must be \"x86_64\" or \"arm64\"."
  }
}

variable "deployment_mode" {
  description = "\"application\": one Lambda function serves every function of the application and every wired source. \"per-function\": one Lambda function per manifest function, all from the same zip, each with EVENTLOOM_LAMBDA_FUNCTIONS naming its function and only its own triggers wired."
  type        = string
  default     = "application"

  validation {
    condition     = contains(["application", "per-function"], var.deployment_mode)
    error_message = "deployment_mode must be \"application\" or \"per-function\"."
  }
}

variable "memory_size" {
  description = "Memory of a Lambda function in MB when the manifest gives none. A function's resources.memory overrides it; in application mode the Lambda gets the largest of this and every function's resources.memory."
  type        = number
  default     = 512

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size must be between 128 and 10240 MB."
  }
}

variable "timeout" {
  description = "Timeout of a Lambda function in seconds when the manifest gives none. A function's resources.timeout overrides it; in application mode the Lambda gets the longest of this and every function's resources.timeout."
  type        = number
  default     = 30

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900
    error_message = "timeout must be between 1 and 900 seconds."
  }
}

variable "sources" {
  description = <<-EOT
    The logical sources the manifest's triggers name, each bound to real infrastructure. Key: the logical source name
    (as in @Trigger(source = "...")). Every kind binds an existing resource by `arn` (s3: `bucket`), which may come
    from a resource of the same configuration; sqs, sns and schedule sources with `create = true` are created by the
    module instead. Attributes:
      kind                               sqs | sns | s3 | kinesis | dynamodb | msk | eventbridge | schedule
      create                             the module creates the queue, topic or scheduled rule (sqs, sns, schedule);
                                         default false. A plain bool, so that whether to create is known at plan time
      bucket                             name of the bucket (s3, required: the notification is keyed by it)
      arn                                existing queue, topic, bucket (default arn:aws:s3:::<bucket>), stream, DynamoDB stream
                                         (…/table/T/stream/label), MSK cluster or scheduled rule; for eventbridge
                                         optionally the resource its events name (e.g. the bucket of aws.s3 events):
                                         the rule then matches it, and it identifies the source instead of
                                         event_source
      enabled                            event source mapping enabled (sqs, kinesis, dynamodb, msk); default true
      batch_size                         records per invocation (sqs, kinesis, dynamodb, msk)
      maximum_batching_window_in_seconds how long to gather a batch (sqs, kinesis, dynamodb, msk)
      starting_position                  TRIM_HORIZON or LATEST (kinesis, dynamodb, msk); default LATEST
      parallelization_factor             concurrent batches per shard (kinesis, dynamodb)
      maximum_retry_attempts             stream/MSK retries; default: infrastructure_retries
      maximum_record_age_in_seconds      oldest record a stream mapping sends (kinesis, dynamodb)
      bisect_batch_on_function_error     split a failing batch (kinesis, dynamodb); default true
      maximum_concurrency                SQS mapping concurrency (2-1000); default: the functions' maxConcurrency
      on_failure_arn                     on-failure destination of a stream/MSK mapping; default: the deadLetter
      kms_key_arn                        key that encrypts the queue/stream: kms:Decrypt is granted on it
      topics                             Kafka topics (msk, required)
      consumer_group_id                  Kafka consumer group (msk); default: chosen by Lambda
      s3_events                          bucket events (s3); default ["s3:ObjectCreated:*"]
      s3_filter_prefix, s3_filter_suffix object key filters (s3)
      filter_criteria                    event source mapping filter patterns, JSON (sqs, kinesis, dynamodb, msk);
                                         default: derived from the triggers' type filters where AWS can apply them
                                         (structured CloudEvents in SQS bodies and Kinesis data, DynamoDB event
                                         names); [] turns filtering off
      sns_filter_policy                  SNS subscription filter policy, JSON (sns)
      sns_filter_policy_scope            MessageAttributes or MessageBody (sns)
      event_source                       the EventBridge `source` value the events carry (eventbridge, required)
      event_bus_name                     bus of the rules (eventbridge); default "default"
      event_pattern                      replaces the event pattern derived from the triggers (eventbridge)
      schedule_expression                rate(...) or cron(...) of the created rule (schedule)
      schedule_input                     constant JSON sent instead of the scheduled event (schedule)
      fifo                               create a FIFO queue (sqs)
      visibility_timeout_seconds         of a created queue; default six times the longest Lambda timeout
      message_retention_seconds          of a created queue
      dead_letter_arn                    redrive target of a created queue; default: the functions' deadLetter ARN
      max_receive_count                  receives before redrive (created queue); default infrastructure_retries + 1
  EOT
  type = map(object({
    kind                               = string
    create                             = optional(bool, false)
    bucket                             = optional(string)
    arn                                = optional(string)
    enabled                            = optional(bool, true)
    batch_size                         = optional(number)
    maximum_batching_window_in_seconds = optional(number)
    starting_position                  = optional(string, "LATEST")
    parallelization_factor             = optional(number)
    maximum_retry_attempts             = optional(number)
    maximum_record_age_in_seconds      = optional(number)
    bisect_batch_on_function_error     = optional(bool, true)
    maximum_concurrency                = optional(number)
    on_failure_arn                     = optional(string)
    kms_key_arn                        = optional(string)
    topics                             = optional(list(string), [])
    consumer_group_id                  = optional(string)
    s3_events                          = optional(list(string), ["s3:ObjectCreated:*"])
    s3_filter_prefix                   = optional(string)
    s3_filter_suffix                   = optional(string)
    filter_criteria                    = optional(list(string))
    sns_filter_policy                  = optional(string)
    sns_filter_policy_scope            = optional(string)
    event_source                       = optional(string)
    event_bus_name                     = optional(string, "default")
    event_pattern                      = optional(string)
    schedule_expression                = optional(string)
    schedule_input                     = optional(string)
    fifo                               = optional(bool, false)
    visibility_timeout_seconds         = optional(number)
    message_retention_seconds          = optional(number)
    dead_letter_arn                    = optional(string)
    max_receive_count                  = optional(number)
  }))
  default = {}

  validation {
    condition = alltrue([for s in values(var.sources) : contains(
      ["sqs", "sns", "s3", "kinesis", "dynamodb", "msk", "eventbridge", "schedule"], s.kind
    )])
    error_message = "Every source's kind must be one of sqs, sns, s3, kinesis, dynamodb, msk, eventbridge, schedule."
  }

  validation {
    condition = alltrue([for s in values(var.sources) :
      s.arn != null if contains(["kinesis", "dynamodb", "msk"], s.kind) || (contains(["sqs", "sns"], s.kind) && !s.create)
    ])
    error_message = "Sources of kind sqs and sns bind an existing queue or topic by arn unless create = true; kinesis, dynamodb and msk sources always need their arn (the module creates only sqs queues, sns topics and schedules)."
  }

  validation {
    condition     = alltrue([for s in values(var.sources) : !s.create || contains(["sqs", "sns", "schedule"], s.kind)])
    error_message = "create = true is for sqs, sns and schedule sources: the module creates only queues, topics and scheduled rules."
  }

  validation {
    condition     = alltrue([for s in values(var.sources) : !(s.create && s.arn != null)])
    error_message = "A source with create = true is created by the module: leave its arn out (or bind the existing resource with arn and create = false)."
  }

  validation {
    condition     = alltrue([for s in values(var.sources) : s.bucket != null if s.kind == "s3"])
    error_message = "An s3 source needs bucket: the bucket's name (for example aws_s3_bucket.uploads.bucket), which keys its notification configuration."
  }

  validation {
    condition     = alltrue([for s in values(var.sources) : s.event_source != null if s.kind == "eventbridge"])
    error_message = "An eventbridge source needs event_source: the `source` value its events carry, e.g. \"com.example.orders\" or \"aws.s3\"."
  }

  validation {
    condition = alltrue([for s in values(var.sources) :
      s.create ? s.schedule_expression != null : s.arn != null && s.schedule_expression == null if s.kind == "schedule"
    ])
    error_message = "A schedule source takes either create = true and schedule_expression (the module creates the rule) or arn (an existing scheduled rule), not both."
  }

  validation {
    condition     = alltrue([for s in values(var.sources) : length(s.topics) > 0 if s.kind == "msk"])
    error_message = "An msk source needs topics: the Kafka topics to consume."
  }

  validation {
    condition = alltrue([for s in values(var.sources) :
      can(regex(":table/[^/]+/stream/.+$", s.arn)) if s.kind == "dynamodb"
    ])
    error_message = "A dynamodb source's arn must be the table's stream ARN (arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>), as event source mappings read streams."
  }

  validation {
    condition = alltrue([for s in values(var.sources) :
      s.arn == null || can(regex("^arn:[^:]+:s3:::[^/]+$", s.arn)) if s.kind == "s3"
    ])
    error_message = "An s3 source's arn, when given, must be a bucket ARN, arn:aws:s3:::<bucket>."
  }

  validation {
    condition     = alltrue([for s in values(var.sources) : contains(["TRIM_HORIZON", "LATEST"], s.starting_position)])
    error_message = "starting_position must be TRIM_HORIZON or LATEST."
  }

  validation {
    condition = alltrue([for n, s in var.sources :
      !strcontains(n, ",") && !strcontains(n, "=") && !strcontains(coalesce(s.arn, s.event_source, "-"), ",")
    ])
    error_message = "Logical source names may not contain ',' or '=', nor identifiers ',': EVENTLOOM_LAMBDA_SOURCES is a comma-separated list of name=identifier."
  }
}

variable "infrastructure_retries" {
  description = <<-EOT
    How many times AWS redelivers an event whose invocation still failed after the function's own retries
    (delivery.retries, which run inside the invocation): a crash, a timeout, a throttle. It sets a created queue's
    maxReceiveCount (this + 1), stream and Kafka mappings' maximum_retry_attempts and the asynchronous retries (at most
    2); a source's max_receive_count or maximum_retry_attempts overrides it. An event is attempted at most
    (delivery.retries + 1) x (infrastructure_retries + 1) times before its dead letter takes it.
  EOT
  type        = number
  default     = 2

  validation {
    condition     = var.infrastructure_retries >= 0 && var.infrastructure_retries <= 10000
    error_message = "infrastructure_retries must be between 0 and 10000."
  }
}

variable "dead_letter_targets" {
  description = "ARNs of the logical sinks that functions name in their manifest's delivery.deadLetter (a deadLetter that is already an ARN needs no entry). Used for the Lambda's dead-letter queue (async sources), the on-failure destinations of stream and Kafka mappings, and the redrive queue of created SQS queues."
  type        = map(string)
  default     = {}
}

variable "log_retention_in_days" {
  description = "How long CloudWatch Logs keeps the functions' logs, in days (one log group per Lambda function)."
  type        = number
  default     = 14
}

variable "log_format" {
  description = "Lambda's log format: \"Text\" or \"JSON\" (JSON also makes Lambda's own platform lines JSON)."
  type        = string
  default     = "Text"

  validation {
    condition     = contains(["Text", "JSON"], var.log_format)
    error_message = "log_format must be \"Text\" or \"JSON\"."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions of each Lambda function; null leaves them unreserved (the account's unreserved pool), 0 stops all invocations."
  type        = number
  default     = null
}

variable "tracing_mode" {
  description = "X-Ray tracing of the Lambda function(s): \"PassThrough\" (Lambda's default: no sampling by Lambda) or \"Active\" (Lambda samples and records; the role then gets xray:PutTraceSegments and xray:PutTelemetryRecords)."
  type        = string
  default     = "PassThrough"

  validation {
    condition     = contains(["PassThrough", "Active"], var.tracing_mode)
    error_message = "tracing_mode must be \"PassThrough\" or \"Active\"."
  }
}

variable "http" {
  description = "HTTP entry point: \"none\", \"http-api\" (an API Gateway HTTP API, payload format 2.0: the $default route in application mode, ANY /<function> per function in per-function mode) or \"function-url\" (a Lambda function URL per Lambda function)."
  type        = string
  default     = "none"

  validation {
    condition     = contains(["none", "http-api", "function-url"], var.http)
    error_message = "http must be \"none\", \"http-api\" or \"function-url\"."
  }
}

variable "function_url_auth_type" {
  description = "Authorization of function URLs: \"AWS_IAM\" (SigV4-signed callers with lambda:InvokeFunctionUrl) or \"NONE\" (public; the module adds the public lambda:InvokeFunctionUrl permission)."
  type        = string
  default     = "AWS_IAM"

  validation {
    condition     = contains(["AWS_IAM", "NONE"], var.function_url_auth_type)
    error_message = "function_url_auth_type must be \"AWS_IAM\" or \"NONE\"."
  }
}

variable "java_tool_options" {
  description = "JAVA_TOOL_OPTIONS of the JVM flavour (ignored for native). The default, C1 only, starts fastest on Lambda; set \"\" to leave the variable out."
  type        = string
  default     = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
}

variable "environment" {
  description = "Extra environment variables of every Lambda function, for example Quarkus or Eventloom configuration (EVENTLOOM_FUNCTION__GREET__TIMEOUT). They win over the ones the module sets."
  type        = map(string)
  default     = {}
}

variable "policy_arns" {
  description = "Managed policies attached to every Lambda role besides the module's inline least-privilege policy, for what the functions themselves call (a table they write, a bucket they read). Keyed by a name of your choice, so that the ARNs may come from policies of the same configuration: { reads = aws_iam_policy.reads.arn }."
  type        = map(string)
  default     = {}
}

variable "permissions_boundary" {
  description = "ARN of a permissions boundary for the Lambda roles, where the account requires one."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags of every resource the module creates."
  type        = map(string)
  default     = {}
}

variable "snap_start" {
  description = "Lambda SnapStart for the JVM flavour: every published version is initialised once and restored from a snapshot on cold start. Publishes versions and points every trigger at the alias (see publish)."
  type        = bool
  default     = false
}

variable "publish" {
  description = "Publish a version on every change and create the alias alias_name on it; event source mappings, subscriptions, rules, notifications and the HTTP integration then invoke the alias. Implied by snap_start."
  type        = bool
  default     = false
}

variable "alias_name" {
  description = "Name of the alias created when versions are published."
  type        = string
  default     = "live"
}

variable "vpc_subnet_ids" {
  description = "Subnets the Lambda function(s) run in, to reach resources in a VPC; empty: no VPC. The role gets the network-interface permissions Lambda needs."
  type        = list(string)
  default     = []
}

variable "vpc_security_group_ids" {
  description = "Security groups of the Lambda function(s) in the VPC (with vpc_subnet_ids)."
  type        = list(string)
  default     = []
}

variable "cors_configuration" {
  description = "CORS of the HTTP API (http = \"http-api\"), as aws_apigatewayv2_api takes it; null: none."
  type = object({
    allow_credentials = optional(bool)
    allow_headers     = optional(list(string))
    allow_methods     = optional(list(string))
    allow_origins     = optional(list(string))
    expose_headers    = optional(list(string))
    max_age           = optional(number)
  })
  default = null
}

variable "jwt_authorizer" {
  description = "A JWT authorizer every route of the HTTP API requires (an OIDC issuer and the audiences it accepts, e.g. a Cognito user pool); null: the routes are open."
  type = object({
    issuer   = string
    audience = list(string)
  })
  default = null
}

variable "http_api_throttling" {
  description = "Default route throttling of the HTTP API's stage: requests per second and burst; null: the account's limits."
  type = object({
    rate_limit  = number
    burst_limit = number
  })
  default = null
}
