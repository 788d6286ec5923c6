import { createAdminApiClient } from "@shopify/admin-api-client";

export const shop = createAdminApiClient({
  storeDomain: "example-store.myshopify.com",
  apiVersion: "2024-07",
  accessToken: "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",
});

// Custom app credentials from the Partner dashboard.
export const appSecret = "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";
export const storefrontToken = process.env.SHOPIFY_STOREFRONT_TOKEN;
export const placeholderToken = "shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
