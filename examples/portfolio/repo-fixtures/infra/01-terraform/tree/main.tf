provider "aws" {
  region = "us-west-2"
}

resource "aws_ecs_cluster" "production" {
  name = "production"
}

resource "aws_ecs_cluster" "staging" {
  name = "staging"
}
