package main

import (
	"fmt"
	"os"
)

const (
	hfToken = "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"
	linearKey = "lin_api_9KOUreYnj1K8vSZa4ApTpHqThHy7zFOgilZZKCoY"
	netlifyPAT = "nfp_DQJxs0KHmNWuChVrYzIuBh8bCdKEJQtuoU5l"
	notionToken = "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"
	supabaseMgmt = "sbp_afc727f6136d626dc0b3c9ddd59b00545fe88858"
	vaultToken = "hvs.AfcnqbEhedOk8lOhnoZC2kOcfxlSI0YwNSMP8Q22zKMutH471Ff-rte8-xkKBnOIKDgKLkx-RO3wT6TJ4Xwo4PpjjVI"
)

func main() {
	key := os.Getenv("LINEAR_API_KEY")
	tok := os.Getenv("VAULT_TOKEN")
	vercelToken := os.Getenv("VERCEL_TOKEN")
	vercelPreviewToken := "YorQo7XMpQErlHxcuandvlll"
	fmt.Println("set TELEGRAM_BOT_TOKEN to the bot id, a colon and the token BotFather gave")
	fmt.Println(key, tok, vercelToken, vercelPreviewToken)
}
