provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIA7J5O6CEDDP6IRICQ"
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
  plaintext_value = "ghp_vCtND4oaEwSJegKF1UGkqUdxVAY6KPbJCaEb"
}

variable "cloudflare_api_token" {
  default = "pOW-njFHLEht7axQJmUeort_At48XBuo2a8V_xqA"
}
