variable "region" {
  description = "AWS region to deploy the signups example to."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Name of the Lambda function and prefix of the other resources (the HTTP API, the queues, the log group)."
  type        = string
  default     = "signups"
}

variable "max_receive_count" {
  description = "How many times SQS delivers a signup before moving it to the dead-letter queue."
  type        = number
  default     = 3
}
