// Quote for a junk-removal job: volume in cubic yards times the rate.
// change 0
exports.quote = (req, res) => res.json({ total: Math.max(95, Number(req.query.yards) * 45) });
