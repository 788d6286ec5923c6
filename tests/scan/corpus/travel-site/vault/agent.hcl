vault {
  address = "https://vault.example.com:8200"
}

auto_auth {
  method "approle" {
    config = {
      role_id_file_path = "/etc/vault/role-id"
    }
  }
}

vault_token_ttl = "768h"
vault_token_file = "/var/run/vault/token"
