import type { NextApiRequest, NextApiResponse } from "next";

const TEAMS_WEBHOOK =
  "https://example.webhook.office.com/webhookb2/811b71a2-b041-4a78-a7de-0092a9dd2414@6a84cc89-39ca-46ee-993d-f7eafac34ed2/IncomingWebhook/fbc9eee371c2ff62bfa0fc630b45b791/be4f26ba-da15-431d-8382-75ae4a5643be/V2mhHkLKLbZEUYKg9GZvZT9Kd6vYHARAzc9QyYMmpy2_Y";
const DISCORD_WEBHOOK = "https://discord.com/api/webhooks/2827741435095218888/bpGXeRFBI2zT1WMMV4JHWFiqd1NnQLEtCOVKOSsdB5sLN9IYno8Ns_0-CwxkPbl2Tfe4";
const SLACK_DOCS = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
export const TOKEN_HEADER = "Authorization";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await fetch(TEAMS_WEBHOOK, { method: "POST", body: JSON.stringify({ text: req.body.message }) });
  res.status(204).end();
}
