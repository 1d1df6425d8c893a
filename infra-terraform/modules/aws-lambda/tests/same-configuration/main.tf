# A root configuration written the usual way: the queues, topics, buckets, streams, rules and policies the functions
# use are created beside the module, so every ARN handed to it is unknown until apply.

resource "aws_sqs_queue" "orders" {
  name = "orders"
}

resource "aws_sqs_queue" "audit" {
  name = "audit"
}

resource "aws_sqs_queue" "billing_dlq" {
  name = "billing-dlq"
}

resource "aws_sns_topic" "orders" {
  name = "orders"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

resource "aws_kinesis_stream" "clicks" {
  name        = "clicks"
  shard_count = 1
}

resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  hash_key         = "id"
  billing_mode     = "PAY_PER_REQUEST"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_iam_policy" "reads" {
  name = "orders-reads"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = ["${aws_s3_bucket.uploads.arn}/*"] }]
  })
}

module "functions" {
  source = "../.."

  manifest_path = "${path.module}/../fixtures/orders.json"
  zip_path      = "${path.module}/../fixtures/function.zip.placeholder"
  http          = "http-api"
  sources = {
    orders-queue  = { kind = "sqs", arn = aws_sqs_queue.orders.arn }
    audit-queue   = { kind = "sqs", arn = aws_sqs_queue.audit.arn }
    orders-topic  = { kind = "sns", arn = aws_sns_topic.orders.arn }
    uploads       = { kind = "s3", bucket = aws_s3_bucket.uploads.bucket, arn = aws_s3_bucket.uploads.arn }
    clicks        = { kind = "kinesis", arn = aws_kinesis_stream.clicks.arn }
    table-changes = { kind = "dynamodb", arn = aws_dynamodb_table.orders.stream_arn }
    orders-bus    = { kind = "eventbridge", event_source = "com.acme.orders" }
    s3-events     = { kind = "eventbridge", event_source = "aws.s3", arn = aws_s3_bucket.uploads.arn }
    partner-bus   = { kind = "eventbridge", event_source = "com.partner" }
    nightly       = { kind = "schedule", create = true, schedule_expression = "rate(1 day)" }
  }
  dead_letter_targets = {
    billing-dlq = aws_sqs_queue.billing_dlq.arn
  }
  policy_arns = {
    reads = aws_iam_policy.reads.arn
  }
}
