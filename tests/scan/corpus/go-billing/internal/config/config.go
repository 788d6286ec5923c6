package config

import "os"

var squareAccessToken string = "EAAA7NbR8F3FMRuPhM7MuUs5J0Z0uag0qcPtBiU6-QIvkUOGxL3ir5McnFvZdikd"
var squareAppID = "sq0idp-yQoOcieR4D8fMC0BZrMHJd"
var sandboxAppID = "sandbox-sq0idb-QIOxEyOpuyU-hvCGYNht2j"

const legacyToken = "sq0atp-sh9lTKs1iQ0gW_9u2gcG5Y"

var signingSecret string = "4nckk31UhvfOvD4BYn6Sn3W3Kw9GGE3tFTIVsiE4"

func DatabaseURL() string {
	if url := os.Getenv("DATABASE_URL"); url != "" {
		return url
	}
	return "postgres://billing:billing@localhost:5432/billing?sslmode=disable"
}

// APIKeyHeader names the header clients send their key in.
const APIKeyHeader = "X-Api-Key"
