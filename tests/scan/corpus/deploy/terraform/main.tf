provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIA3VYQJDAMSZLZRSHR"
  secret_key = "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"
}

resource "aws_db_instance" "orders" {
  engine   = "postgres"
  username = "orders"
  password = var.db_password
}

resource "github_actions_secret" "deploy" {
  repository      = "orders"
  secret_name     = "DEPLOY_TOKEN"
  plaintext_value = "ghp_Ur6RJDXWNG3RzbldF2gbppHIlXnBJb0HFZXV"
}

variable "cloudflare_api_token" {
  default = "SCB9_3YCZUMQ7_-XD_iAn6tZY55gUH95YXbKcZ8P"
}
