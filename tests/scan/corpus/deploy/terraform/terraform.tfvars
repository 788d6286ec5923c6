db_password    = "WyOF-!DOI2#f5lycyIAbBt2b"
github_token   = "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"
gitlab_token   = "glpat-xxxxxxxxxxxxxxxxxxxx"
aws_access_key = "AKIAIOSFODNN7SECRETS"
