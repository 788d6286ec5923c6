import type { NextApiRequest, NextApiResponse } from "next";

const TEAMS_WEBHOOK =
  "https://example.webhook.office.com/webhookb2/811b71a2-b041-4a78-a7de-0092a9dd2414@6a84cc89-39ca-46ee-993d-f7eafac34ed2/IncomingWebhook/03bed7bfafb61bc6927164105aa8938c/be4f26ba-da15-431d-8382-75ae4a5643be/V2818BppSWi2K1OyPDkose8RKBa1Q_3VN4o6ZhU4eyHMF";
const DISCORD_WEBHOOK = "https://discord.com/api/webhooks/7568665044587691729/Ko1lm01-R7IbL6ubr3gHQxTVi8Sty8-N6qpixgp6u4D-xPRHfSYF5nXS3g9cLBREXnpQ";
const SLACK_DOCS = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
export const TOKEN_HEADER = "Authorization";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await fetch(TEAMS_WEBHOOK, { method: "POST", body: JSON.stringify({ text: req.body.message }) });
  res.status(204).end();
}
