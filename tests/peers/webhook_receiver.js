#!/usr/bin/env node
'use strict';
// A Standard Webhooks receiver for Quarterdeck's integration tests: every
// call's signature is verified with the `standardwebhooks` package (the
// reference library), and chosen calls fail before any is accepted.
//
//   node webhook_receiver.js --port N --secret whsec_... --out FILE [--fail N:ACTION]... [--reject-type TYPE]
//                            [--fail-all ACTION]
//
// ACTION: 503 (Service Unavailable), drop (the connection is closed without
// an answer), 429 (Too Many Requests with Retry-After: 1), 400 (Bad Request).
// --fail N:ACTION applies to the Nth call (1-based, counted over the life of
// the process); --reject-type answers 400 to every event of that type;
// --fail-all answers every call with ACTION (a receiver that is down).
// A call whose signature does not verify is answered 401.
//
// Prints exactly one line "listening N" once ready (--port 0 picks a free
// port). Each call appends one JSON line to FILE:
//   {"call", "id", "type", "verified", "error", "status", "timestamp", "body"}
// where status is the HTTP status answered, or "dropped".

const fs = require('fs');
const http = require('http');
const { Webhook } = require('standardwebhooks');

const args = process.argv.slice(2);
let port = 0, secret = '', out = '', rejectType = '', failAll = '';
const failures = new Map();
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--port') port = Number(args[++i]);
  else if (a === '--secret') secret = args[++i];
  else if (a === '--out') out = args[++i];
  else if (a === '--reject-type') rejectType = args[++i];
  else if (a === '--fail-all') failAll = args[++i];
  else if (a === '--fail') {
    const [n, action] = args[++i].split(':');
    failures.set(Number(n), action);
  } else {
    console.error(`webhook_receiver: unknown argument ${a}`);
    process.exit(2);
  }
}
if (!secret || !out) {
  console.error('webhook_receiver: --secret and --out are required');
  process.exit(2);
}

const wh = new Webhook(secret);
let calls = 0;

function log(entry) {
  fs.appendFileSync(out, JSON.stringify(entry) + '\n');
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const call = ++calls;
    const body = Buffer.concat(chunks).toString('utf8');
    const entry = { call, id: req.headers['webhook-id'] || null, type: null, verified: false, error: null,
                    status: 0, timestamp: req.headers['webhook-timestamp'] || null, method: req.method,
                    path: req.url, body };
    try {
      const payload = wh.verify(body, req.headers);
      entry.verified = true;
      entry.type = payload.type;
    } catch (e) {
      entry.error = String(e && e.message ? e.message : e);
    }
    const action = failAll || failures.get(call) || (entry.verified && entry.type === rejectType ? '400' : '');
    if (!entry.verified) {
      entry.status = 401;
      log(entry);
      res.writeHead(401, { 'Content-Type': 'text/plain' });
      res.end('signature does not verify');
      return;
    }
    if (action === 'drop') {
      entry.status = 'dropped';
      log(entry);
      req.socket.destroy();
      return;
    }
    if (action === '503') {
      entry.status = 503;
      log(entry);
      res.writeHead(503, { 'Content-Type': 'text/plain' });
      res.end('down for maintenance');
      return;
    }
    if (action === '429') {
      entry.status = 429;
      log(entry);
      res.writeHead(429, { 'Content-Type': 'text/plain', 'Retry-After': '1' });
      res.end('slow down');
      return;
    }
    if (action === '400') {
      entry.status = 400;
      log(entry);
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: `events of type ${entry.type} are not accepted here` }));
      return;
    }
    entry.status = 204;
    log(entry);
    res.writeHead(204);
    res.end();
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
