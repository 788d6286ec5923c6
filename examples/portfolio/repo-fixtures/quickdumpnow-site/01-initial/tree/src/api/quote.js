// Quote for a junk-removal job: volume in cubic yards times the rate.
exports.quote = (req, res) => res.json({ total: Number(req.query.yards) * 45 });
