import os
import requests

REPORTS_JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyZXBvcnRzLWJvdCIsInNjb3BlIjoib3JkZXJzOnJlYWQiLCJpYXQiOjE3MjAwMDAwMDAsImV4cCI6MTc1MTUzNjAwMH0.wzsZTo5ZQWPaJ2RXrWldOvxi8zPjKNEkcd16dZdRYfT"
NPM_TOKEN = os.environ.get("NPM_TOKEN", "npm_000000000000000000000000000000000000")
SENDGRID_KEY = os.environ["SENDGRID_API_KEY"]
MAILCHIMP_KEY = "4e536b417dfd22461b6aa25d51b16686-us3"
MAILGUN_KEY = "7ec6a2aa2aeeaf08f08bc098efd60784-4e0ad7d5-d6751db0"
GITHUB_TOKEN = "ghp_" + "x" * 36
GITLAB_TOKEN = "glpat-" + os.environ["GITLAB_TOKEN_SUFFIX"]
DISCORD_CLIENT_ID = "747695770893188308"
TEAMS_URL = os.environ["TEAMS_WEBHOOK_URL"]
AWS_ACCESS_KEY_ID = "AKIAXXXXXXXXXXXXXXXX"
GOOGLE_API_KEY = "AIza" + "*" * 35
SERVICE_URL = "https://reports:0yMJBUcAPgGjX7t7xBHM@reports.example.com/api"
DOCS_URL = "https://user:password@example.com/path"


def post(body):
    return requests.post("https://hooks.slack.com/services/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", json=body)
