terraform {
  required_providers {
    cloudflare   = { source = "cloudflare/cloudflare" }
    digitalocean = { source = "digitalocean/digitalocean" }
    heroku       = { source = "heroku/heroku" }
    datadog      = { source = "DataDog/datadog" }
  }
}

provider "cloudflare" {
  api_token = var.cloudflare_api_token
}

provider "digitalocean" {
  token = var.do_token
}

provider "heroku" {
  email   = "ops@example.com"
  api_key = "HRKU-AA-TJ4q46K6eousXTNij2IJkN_Ph4YV6ignZn4eAO3_b4-JKjXscZxL6pY6M"
}

provider "datadog" {
  api_key = var.datadog_api_key
  app_key = var.datadog_app_key
}

resource "azurerm_storage_account" "invoices" {
  name                     = "shopinvoices"
  resource_group_name      = "backoffice"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

locals {
  reports_conn = "DefaultEndpointsProtocol=https;AccountName=shopreports;AccountKey=Ay7Bkenj8qVgDUt2tJ59m0yAew8Nk+0mEB95Xj02Ui6zCa1YAG4bU+1pQdfam64Jj0LSmzkTNLwHOCa0l3ATTs==;EndpointSuffix=core.windows.net"
  bus_conn     = "Endpoint=sb://example-orders.servicebus.windows.net/;Authentication=Managed Identity"
  do_spaces    = "dop_v1_..."
  doppler      = "dp.st.prd.xxxx"
}
