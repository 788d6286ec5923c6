// Merchant identity key for Apple Pay, loaded at start-up.
export const merchantKey = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIYZsizw1oFNp0cYthiRsAggicz9vJpm2l2Y3fsC6DEYQRZSeKTNOm+ED
VCfyOY1cDK+wg1d+7ZlFGelYK+BJFgZvxSOi7L+FyvPeBkIZ5MlpQOiVrHUihjUq
eHmfoNvvXOU2+66VBY5ORtYILdfyLXsc==
-----END EC PRIVATE KEY-----`;

export function isPem(text: string): boolean {
  return text.startsWith("-----BEGIN PRIVATE KEY-----");
}
