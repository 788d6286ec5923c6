package config

import "os"

var squareAccessToken string = "EAAAY0RqunWQb0QZQJCzc9EGCNeNzLrERKqc50Xsg_JIYEo2uB4WyKAB0Vy9HUff"
var squareAppID = "sq0idp-Lus3yC6cMy6sTO_QR1RhSN"
var sandboxAppID = "sandbox-sq0idb-1_GT2FTQ-ZcTjFpVom4TXa"

const legacyToken = "sq0atp-PheCtXn9ETZJnDgXDNLxZX"

var signingSecret string = "Ftf5seZ64yFhOXN1Pl93JJ4yaaHLlegMc4WdG0dg"

func DatabaseURL() string {
	if url := os.Getenv("DATABASE_URL"); url != "" {
		return url
	}
	return "postgres://billing:billing@localhost:5432/billing?sslmode=disable"
}

// APIKeyHeader names the header clients send their key in.
const APIKeyHeader = "X-Api-Key"
