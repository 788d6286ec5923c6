declare namespace NodeJS {
  interface ProcessEnv {
    STRIPE_SECRET_KEY: string;
    SHOPIFY_ADMIN_TOKEN: string;
  }
}
