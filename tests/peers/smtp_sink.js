#!/usr/bin/env node
'use strict';
// SMTP sink for Quarterdeck's tests, built on smtp-server. Listens on 127.0.0.1 unless --host says
// otherwise (the test that credentials never go in clear to another machine needs a non-loopback address).
//
//   node smtp_sink.js --port N --out DIR [--host ADDR] [--tls-key F --tls-cert F] [--starttls-required]
//                     [--auth USER:PASS] [--size BYTES] [--fail SPEC] [--fail-every-nth N:CODE]
//                     [--delay MS] [--hold FILE] [--keep-rejected]
//
// --delay MS   each reply to DATA waits MS milliseconds (slow server: runs overlap).
// --keep-rejected  a rejected DATA attempt's message is kept too, as DIR/rejected-NNNNNN.eml
//              (NNNNNN: the attempt), so a test can read what the server refused.
// --hold FILE  while FILE exists, replies to DATA wait; each held attempt's number is
//              appended to FILE.held when it starts waiting. Removing FILE releases them.
//
// Prints exactly one line "listening N" on stdout once ready (--port 0 picks a free port).
//
// Counters (global for the life of the process, across connections):
//   attempt  1-based number of the DATA attempt (every DATA that got a 354 counts, retries
//            included). --fail SPEC and --fail-every-nth select attempts by this number.
//   seq      1-based number of the accepted message; DIR/NNNNNN.eml uses it. null when rejected.
//
// Each DATA attempt appends one line to DIR/log.jsonl:
//   {"seq", "attempt", "status":"accepted"|"rejected", "code", "mail_from", "rcpt_to":[...],
//    "message_id":"<...>"|null, "size", "tls", "user"}
// Replies carry RFC 3463 enhanced status codes (smtp-server's hideENHANCEDSTATUSCODES:false),
// e.g. "250 2.0.0 OK: message queued", "451 4.3.0 Temporary failure".
// A 421 reply makes smtp-server close the connection itself (SMTPConnection.send(421) calls close()).
// A MAIL FROM with a SIZE= parameter above --size is refused at MAIL FROM (552) by smtp-server:
// that is not a DATA attempt and is not logged.

const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const { SMTPServer } = require('smtp-server');

function die(msg) {
    process.stderr.write('smtp_sink: ' + msg + '\n');
    process.exit(2);
}

let args;
try {
    args = parseArgs({
        options: {
            port: { type: 'string' },
            out: { type: 'string' },
            host: { type: 'string', default: '127.0.0.1' },
            'tls-key': { type: 'string' },
            'tls-cert': { type: 'string' },
            'starttls-required': { type: 'boolean', default: false },
            auth: { type: 'string' },
            size: { type: 'string' },
            fail: { type: 'string' },
            'fail-every-nth': { type: 'string' },
            delay: { type: 'string' },
            hold: { type: 'string' },
            'keep-rejected': { type: 'boolean', default: false }
        },
        strict: true,
        allowPositionals: false
    }).values;
} catch (e) {
    die(e.message);
}

if (args.port === undefined || !/^\d+$/.test(args.port) || Number(args.port) > 65535) die('--port N is required (0 picks a free port)');
if (!args.out) die('--out DIR is required');
if (!!args['tls-key'] !== !!args['tls-cert']) die('--tls-key and --tls-cert go together');
const tls = !!args['tls-key'];
if (args['starttls-required'] && !tls) die('--starttls-required needs --tls-key/--tls-cert');

let authUser = null;
let authPass = null;
if (args.auth !== undefined) {
    const i = args.auth.indexOf(':');
    if (i <= 0) die('--auth wants USER:PASS');
    authUser = args.auth.slice(0, i);
    authPass = args.auth.slice(i + 1);
}

let sizeLimit = 0;
if (args.size !== undefined) {
    if (!/^\d+$/.test(args.size) || Number(args.size) <= 0) die('--size wants a positive number of bytes');
    sizeLimit = Number(args.size);
}

function parseCode(s, what) {
    if (!/^[45]\d\d$/.test(s)) die(what + ': reply code must be 4xx or 5xx, got "' + s + '"');
    return Number(s);
}

let delayMs = 0;
if (args.delay !== undefined) {
    if (!/^\d+$/.test(args.delay)) die('--delay wants a number of milliseconds');
    delayMs = Number(args.delay);
}
const holdPath = args.hold === undefined ? null : path.resolve(args.hold);

// Runs `then` once --hold's file is gone and --delay has passed.
function afterHoldAndDelay(attempt, then) {
    if (holdPath !== null && fs.existsSync(holdPath)) fs.appendFileSync(holdPath + '.held', attempt + '\n');
    const poll = () => {
        if (holdPath !== null && fs.existsSync(holdPath)) return setTimeout(poll, 20);
        return setTimeout(then, delayMs);
    };
    poll();
}

// --fail 2:451,3:454,5:550,7:421  (1-based DATA attempt numbers)
const failAt = new Map();
if (args.fail !== undefined) {
    for (const item of args.fail.split(',').map(s => s.trim()).filter(Boolean)) {
        const m = /^(\d+):(\d+)$/.exec(item);
        if (!m || Number(m[1]) < 1) die('--fail wants ATTEMPT:CODE[,ATTEMPT:CODE...], got "' + item + '"');
        failAt.set(Number(m[1]), parseCode(m[2], '--fail'));
    }
}
// --fail-every-nth N:CODE  (attempts N, 2N, 3N, ...; --fail wins where both match)
let failEvery = null;
if (args['fail-every-nth'] !== undefined) {
    const m = /^(\d+):(\d+)$/.exec(args['fail-every-nth']);
    if (!m || Number(m[1]) < 1) die('--fail-every-nth wants N:CODE');
    failEvery = { n: Number(m[1]), code: parseCode(m[2], '--fail-every-nth') };
}

// Reply texts; smtp-server prefixes the enhanced status code (451 -> 4.3.0, 454 -> 4.7.0,
// 550 -> 5.1.1, 421 -> 4.4.2, ...).
const FAIL_TEXT = {
    421: 'Closing connection',
    450: 'Mailbox unavailable',
    451: 'Temporary failure',
    452: 'Insufficient system storage',
    454: 'Throttling failure: Maximum sending rate exceeded',
    550: 'Mailbox unavailable',
    551: 'User not local',
    552: 'Message size exceeds fixed maximum message size',
    553: 'Mailbox name not allowed',
    554: 'Transaction failed'
};

function injectedCode(attempt) {
    if (failAt.has(attempt)) return failAt.get(attempt);
    if (failEvery && attempt % failEvery.n === 0) return failEvery.code;
    return 0;
}

const outDir = path.resolve(args.out);
fs.mkdirSync(outDir, { recursive: true });
const logPath = path.join(outDir, 'log.jsonl');
const authLogPath = path.join(outDir, 'auth.jsonl');

let attempts = 0;
let accepted = 0;

// Message-ID from the header block (unfolded), or null.
function messageIdOf(buf) {
    let end = buf.indexOf('\r\n\r\n');
    if (end < 0) end = buf.indexOf('\n\n');
    if (end < 0) end = buf.length;
    const head = buf.subarray(0, end).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
    const m = /^message-id:[ \t]*(.*?)[ \t]*$/im.exec(head);
    if (!m || m[1] === '') return null;
    const angle = /<[^>]*>/.exec(m[1]);
    return angle ? angle[0] : m[1];
}

function logLine(obj) {
    fs.appendFileSync(logPath, JSON.stringify(obj) + '\n');
}

function smtpError(code, text) {
    const err = new Error(text);
    err.responseCode = code;
    return err;
}

const options = {
    secure: false,
    name: 'sink.quarterdeck.test',
    banner: 'Quarterdeck test sink',
    logger: false,
    // no reverse DNS lookup of the client per connection (tests need no DNS). smtp-server still
    // waits a fixed 100 ms before the 220 greeting of every connection (early-talker check).
    disableReverseLookup: true,
    hideENHANCEDSTATUSCODES: false,
    closeTimeout: 1000,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: authUser === null,
    // AUTH before STARTTLS is allowed unless --starttls-required
    allowInsecureAuth: !args['starttls-required'],
    disabledCommands: [],

    onAuth(auth, session, callback) {
        fs.appendFileSync(authLogPath, JSON.stringify({ user: auth.username, tls: !!session.secure }) + '\n');
        if (authUser === null) return callback(smtpError(503, 'Authentication not enabled'));
        if (auth.username === authUser && auth.password === authPass) {
            return callback(null, { user: auth.username });
        }
        return callback(smtpError(535, 'Authentication credentials invalid'));
    },

    onMailFrom(address, session, callback) {
        if (args['starttls-required'] && !session.secure) {
            return callback(smtpError(530, 'Must issue a STARTTLS command first'));
        }
        return callback();
    },

    onData(stream, session, callback) {
        const attempt = ++attempts;
        const chunks = [];
        stream.on('data', c => chunks.push(c));
        stream.on('end', () => afterHoldAndDelay(attempt, () => {
            const raw = Buffer.concat(chunks);
            const entry = {
                seq: null,
                attempt,
                status: 'accepted',
                code: 250,
                mail_from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                rcpt_to: session.envelope.rcptTo.map(r => r.address),
                message_id: messageIdOf(raw),
                size: raw.length,
                tls: !!session.secure,
                user: session.user || null
            };
            let err = null;
            const injected = injectedCode(attempt);
            if (stream.sizeExceeded) {
                // rejectOversized makes smtp-server answer 552 whatever we say; say the same
                err = smtpError(552, 'Message size exceeds fixed maximum message size ' + sizeLimit);
            } else if (injected) {
                err = smtpError(injected, FAIL_TEXT[injected] || 'Injected failure');
            }
            if (err) {
                entry.status = 'rejected';
                entry.code = err.responseCode;
                if (args['keep-rejected']) {
                    fs.writeFileSync(path.join(outDir, 'rejected-' + String(attempt).padStart(6, '0') + '.eml'), raw);
                }
                logLine(entry);
                return callback(err);
            }
            entry.seq = ++accepted;
            fs.writeFileSync(path.join(outDir, String(entry.seq).padStart(6, '0') + '.eml'), raw);
            logLine(entry);
            return callback(null, 'OK: message queued as ' + String(entry.seq).padStart(6, '0'));
        }));
    }
};

if (tls) {
    try {
        options.key = fs.readFileSync(args['tls-key']);
        options.cert = fs.readFileSync(args['tls-cert']);
    } catch (e) {
        die('cannot read TLS key/cert: ' + e.message);
    }
} else {
    options.disabledCommands.push('STARTTLS');
}
if (authUser === null) options.disabledCommands.push('AUTH');
if (sizeLimit) {
    options.size = sizeLimit;
    options.rejectOversized = true;
}

const server = new SMTPServer(options);
let listening = false;
server.on('error', err => {
    if (!listening) die('cannot listen: ' + (err && err.message));
    process.stderr.write('smtp_sink: ' + (err && err.message) + '\n');
});

server.listen(Number(args.port), args.host, () => {
    listening = true;
    process.stdout.write('listening ' + server.server.address().port + '\n');
});

let stopping = false;
function stop() {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    // close() waits up to closeTimeout for open sessions, then sends 421 and closes them
    setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
