terraform {
  cloud {
    organization = "bluecompass-travel"
    workspaces {
      name = "ws-prod-bookings"
    }
  }
}

provider "tfe" {
  token = "Npv3XQnU3uYFkG.atlasv1.eNcz6kPABpR_9C3KYVlG8X85pcTODScrQAoLUgBYTgpaxshwTSVc8aj6y3P6GNwArM"
}

provider "tfe" {
  alias = "sandbox"
  token = var.tfe_sandbox_token
}

provider "vault" {
  address = "https://vault.example.com:8200"
  token   = "hvs.ko6RenypMqBVZmfmGfvbR2jLK1gi1wvoCNvktVP6FMynl4GSdNtu3KQfyiB1NXEtxszkHUkus5gg9ii-lmxWG0DZm4n"
}

provider "supabase" {
  access_token = "sbp_139db2f1312959c506f63983b10138e1ca8b0657"
}
