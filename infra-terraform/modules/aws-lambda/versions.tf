terraform {
  # 1.7 for the mock providers the tests use, 1.5 for check blocks, 1.3 for optional object attributes.
  required_version = ">= 1.7"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40, < 7.0"
    }
  }
}
