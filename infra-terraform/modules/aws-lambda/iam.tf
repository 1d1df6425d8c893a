# Least privilege: each Lambda function's role may write its own log group, read the sources wired to it, send to its
# failure destinations, and nothing else. Every action is named (no "*" or "service:*"); every resource is an ARN of a
# wired source, a failure destination or the log group, except where AWS defines no resource for the action:
#   - xray:PutTraceSegments, xray:PutTelemetryRecords (tracing_mode = "Active" only) take no resource: "*";
#   - the EC2 network-interface actions Lambda needs to reach an MSK cluster's VPC (msk sources only) are granted on "*"
#     as in AWS's own AWSLambdaMSKExecutionRole: the Describe* actions have no resource-level permissions.
# Pushed sources (SNS, S3, EventBridge, schedules, HTTP) need no role permission: they get resource-based permissions
# on the function (aws_lambda_permission) instead.

locals {
  failure_actions = {
    sqs    = ["sqs:SendMessage"]
    sns    = ["sns:Publish"]
    lambda = ["lambda:InvokeFunction"]
    events = ["events:PutEvents"]
    s3     = ["s3:PutObject", "s3:ListBucket"]
  }

  # The failure destinations of each Lambda function: its dead-letter queue or async on-failure destination, and the
  # on-failure destinations of its stream and Kafka mappings.
  failure_targets = {
    for key, l in local.lambdas : key => sort(distinct(compact(concat(
      [local.async_dead_letter[key]],
      [for k, w in local.wirings : local.on_failure[k] if w.lambda == key && contains(["kinesis", "dynamodb", "msk"], w.kind) && local.on_failure[k] != "-"],
    ))))
  }

  unnamed_statements = {
    for key, l in local.lambdas : key => concat(
      [{
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["${aws_cloudwatch_log_group.this[key].arn}:*"]
      }],
      [for k, w in local.wirings : {
        Sid      = "ConsumeQueue${title(local.source_names[w.source])}"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
        Resource = [local.source_arns[w.source]]
      } if w.lambda == key && w.kind == "sqs"],
      [for k, w in local.wirings : {
        Sid    = "ReadStream${title(local.source_names[w.source])}"
        Effect = "Allow"
        Action = [
          "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator",
          "kinesis:ListShards", "kinesis:SubscribeToShard",
        ]
        Resource = [local.source_arns[w.source]]
      } if w.lambda == key && w.kind == "kinesis"],
      [for k, w in local.wirings : {
        Sid      = "ReadTableStream${title(local.source_names[w.source])}"
        Effect   = "Allow"
        Action   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]
        Resource = [local.source_arns[w.source]]
      } if w.lambda == key && w.kind == "dynamodb"],
      [for k, w in local.wirings : {
        Sid      = "ListTableStreams${title(local.source_names[w.source])}"
        Effect   = "Allow"
        Action   = ["dynamodb:ListStreams"]
        Resource = ["${regex("^(.*:table/[^/]+)/stream/", local.source_arns[w.source])[0]}/stream/*"]
      } if w.lambda == key && w.kind == "dynamodb"],
      [for k, w in local.wirings : {
        Sid    = "ConnectCluster${title(local.source_names[w.source])}"
        Effect = "Allow"
        Action = [
          "kafka:DescribeCluster", "kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers",
          "kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration",
        ]
        Resource = [local.source_arns[w.source]]
      } if w.lambda == key && w.kind == "msk"],
      [for k, w in local.wirings : {
        Sid      = "ReadTopics${title(local.source_names[w.source])}"
        Effect   = "Allow"
        Action   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
        Resource = [for t in var.sources[w.source].topics : "${replace(local.source_arns[w.source], ":cluster/", ":topic/")}/${t}"]
      } if w.lambda == key && w.kind == "msk"],
      [for k, w in local.wirings : {
        Sid      = "ConsumerGroup${title(local.source_names[w.source])}"
        Effect   = "Allow"
        Action   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
        Resource = ["${replace(local.source_arns[w.source], ":cluster/", ":group/")}/${coalesce(var.sources[w.source].consumer_group_id, "*")}"]
      } if w.lambda == key && w.kind == "msk"],
      length([for w in values(local.wirings) : w if w.lambda == key && w.kind == "msk"]) == 0 && length(var.vpc_subnet_ids) == 0 ? [] : [{
        Sid    = "ReachVpcNetwork"
        Effect = "Allow"
        Action = [
          "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
          "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
        ]
        Resource = ["*"]
      }],
      [for n in sort(distinct([for w in values(local.wirings) : w.source if w.lambda == key && var.sources[w.source].kms_key_arn != null])) : {
        Sid      = "DecryptSource${title(local.source_names[n])}"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = [var.sources[n].kms_key_arn]
      }],
      [for arn in local.failure_targets[key] : {
        Sid      = "SendFailures${title(replace(split(":", arn)[2], "/[^A-Za-z0-9]/", ""))}"
        Effect   = "Allow"
        Action   = lookup(local.failure_actions, split(":", arn)[2], [])
        Resource = split(":", arn)[2] == "s3" ? [arn, "${arn}/*"] : [arn]
      }],
      var.tracing_mode == "Active" ? [{
        Sid      = "WriteTraces"
        Effect   = "Allow"
        Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
        Resource = ["*"]
      }] : [],
    )
  }

  # Sids must be unique and alphanumeric.
  policy_statements = {
    for key, statements in local.unnamed_statements : key => [
      for i, s in statements : merge(s, {
        Sid = format("%s%s", replace(s.Sid, "/[^A-Za-z0-9]/", ""), length([for j, o in statements : j if j < i && replace(o.Sid, "/[^A-Za-z0-9]/", "") == replace(s.Sid, "/[^A-Za-z0-9]/", "")]) == 0 ? "" : tostring(i))
      })
    ]
  }
}
