import { z } from "zod";

export const env = z.object({ STRIPE_SECRET_KEY: z.string().startsWith("sk_") }).parse(process.env);
