// Creates the Stripe checkout session for a charter deposit.
const stripe = require("stripe")("sk_live_OL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJ");
exports.create = async (req, res) => {
  const session = await stripe.checkout.sessions.create({ mode: "payment", line_items: req.body.items });
  res.json({ url: session.url });
};
