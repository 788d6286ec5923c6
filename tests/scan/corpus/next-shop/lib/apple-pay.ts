// Merchant identity key for Apple Pay, loaded at start-up.
export const merchantKey = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIJ3aHUOY3DDVq+sCDeq2d80ST8O6CL1EW9LfsRCZb70T4SVXhj4tdayc
Uxp2QxrQxEM4QRs4Dj3aYJ6ItMOLs9whOdhFB0Jgb+DwflS46YU+ADmF6RCJdyHk
kVgQGMIjCzke9VDzgfZpHa1NyhlrJKId==
-----END EC PRIVATE KEY-----`;

export function isPem(text: string): boolean {
  return text.startsWith("-----BEGIN PRIVATE KEY-----");
}
