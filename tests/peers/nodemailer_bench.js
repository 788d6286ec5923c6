#!/usr/bin/env node
'use strict';
// Throughput reference for Quarterdeck's SMTP sender: nodemailer's pooled SMTP transport,
// one connection, plain SMTP (no TLS), to 127.0.0.1:PORT (e.g. a running smtp_sink.js).
//
//   node nodemailer_bench.js --port N --count 1000 [--size BYTES] [--recipients N]
//
// Sends COUNT messages (multipart/alternative text + html, ~BYTES each on the wire,
// default 20000) as fast as it can and prints one JSON line:
//   {"tool":"nodemailer","messages":N,"seconds":S,"messages_per_second":R,"peak_rss_mb":M}
// "messages" counts the messages the server accepted; the exit status is 1 if any failed.
// peak_rss_mb is process.resourceUsage().maxRSS (KiB) / 1024.

const { parseArgs } = require('util');
const nodemailer = require('nodemailer');

function die(msg) {
    process.stderr.write('nodemailer_bench: ' + msg + '\n');
    process.exit(2);
}

let args;
try {
    args = parseArgs({
        options: {
            port: { type: 'string' },
            count: { type: 'string', default: '1000' },
            size: { type: 'string', default: '20000' },
            recipients: { type: 'string', default: '1' }
        },
        strict: true
    }).values;
} catch (e) {
    die(e.message);
}
const port = Number(args.port);
const count = Number(args.count);
const size = Number(args.size);
const recipients = Number(args.recipients);
// The same recipients as quarterdeck's messages: `recipients` addresses each.
const toList = Array.from({ length: recipients }, (_, k) => `reader${k}@example.com`);
if (!Number.isInteger(port) || port < 1 || port > 65535) die('--port N is required');
if (!Number.isInteger(count) || count < 1) die('--count wants a positive integer');
if (!Number.isInteger(size) || size < 1000) die('--size wants at least 1000 bytes');

// Both parts are 7bit ASCII with short lines, so the wire size is close to their length
// (plus CRLF); headers and MIME boundaries take the rest (~700 bytes).
// Lines are ~71 characters, each LF becomes CRLF on the wire: take that 1/72 off.
const partBytes = Math.max(100, Math.floor(((size - 700) / 2) * (71 / 72)));
const words = 'quarterdeck report ledger balance total account period income expense asset';
function filler(n, i) {
    let s = '';
    let k = 0;
    while (s.length < n) {
        const line = `${i} ${k++} ${words}`;
        s += line.slice(0, 70) + '\n';
    }
    return s.slice(0, n);
}
function htmlFiller(n, i) {
    const open = '<html><body><table>\n';
    const close = '</table></body></html>\n';
    let s = open;
    let k = 0;
    while (s.length + close.length < n) {
        s += `<tr><td>${i}</td><td>${k++}</td><td>balance</td></tr>\n`;
    }
    return s + close;
}

const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 1,
    // one connection for the whole run (nodemailer reconnects every 100 messages by default);
    // no rateLimit is set, so nothing throttles the sends
    maxMessages: Infinity,
    logger: false
});

async function main() {
    // Bodies are made up front so the timed loop measures sending only.
    const text = filler(partBytes, 0);
    const html = htmlFiller(partBytes, 0);
    let ok = 0;
    let failed = 0;
    let firstError = null;
    const t0 = process.hrtime.bigint();
    const sends = [];
    for (let i = 1; i <= count; i++) {
        sends.push(
            transport
                .sendMail({
                    from: 'Quarterdeck Bench <bench@example.com>',
                    to: toList,
                    subject: `Bench message ${i}`,
                    messageId: `<bench-${i}@quarterdeck.test>`,
                    text,
                    html
                })
                .then(
                    () => {
                        ok++;
                    },
                    err => {
                        failed++;
                        if (!firstError) firstError = err;
                    }
                )
        );
    }
    await Promise.all(sends);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    transport.close();
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
        JSON.stringify({
            tool: 'nodemailer',
            messages: ok,
            seconds: Math.round(seconds * 1000) / 1000,
            messages_per_second: Math.round((ok / seconds) * 10) / 10,
            peak_rss_mb: Math.round(peakRssMb * 10) / 10
        }) + '\n'
    );
    if (failed) {
        process.stderr.write(`nodemailer_bench: ${failed} of ${count} messages failed; first: ${firstError && firstError.message}\n`);
        process.exitCode = 1;
    }
}

main().catch(err => die(err && err.stack ? err.stack : String(err)));
