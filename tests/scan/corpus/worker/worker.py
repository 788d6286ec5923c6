import os
import requests

REPORTS_JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyZXBvcnRzLWJvdCIsInNjb3BlIjoib3JkZXJzOnJlYWQiLCJpYXQiOjE3MjAwMDAwMDAsImV4cCI6MTc1MTUzNjAwMH0.9dNHu4iypjt1xHDxU-9nOBNj5zqH9ZvcCNoq3PYwFM_"
NPM_TOKEN = os.environ.get("NPM_TOKEN", "npm_000000000000000000000000000000000000")
SENDGRID_KEY = os.environ["SENDGRID_API_KEY"]
MAILCHIMP_KEY = "52bcc13c3d7a4139c839f35210ee7c02-us3"
MAILGUN_KEY = "9f879c34d3d13b89fefbf8c8c0f498c2-c0905832-26aa7551"
GITHUB_TOKEN = "ghp_" + "x" * 36
GITLAB_TOKEN = "glpat-" + os.environ["GITLAB_TOKEN_SUFFIX"]
DISCORD_CLIENT_ID = "870256484350718562"
TEAMS_URL = os.environ["TEAMS_WEBHOOK_URL"]
AWS_ACCESS_KEY_ID = "AKIAXXXXXXXXXXXXXXXX"
GOOGLE_API_KEY = "AIza" + "*" * 35
SERVICE_URL = "https://reports:zfBlJ4KZPCQDtdlO22UQ@reports.example.com/api"
DOCS_URL = "https://user:password@example.com/path"


def post(body):
    return requests.post("https://hooks.slack.com/services/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", json=body)
