db_password    = "4XfbAM4Fse+mAFj108#zCHYX"
github_token   = "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"
gitlab_token   = "glpat-xxxxxxxxxxxxxxxxxxxx"
aws_access_key = "AKIAIOSFODNN7SECRETS"
