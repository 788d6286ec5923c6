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
