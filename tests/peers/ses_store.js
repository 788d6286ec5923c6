#!/usr/bin/env node
'use strict';
// Dump what a running aws-ses-v2-local has stored, one JSON object per email, as a JSON array:
//
//   node ses_store.js URL          e.g. node ses_store.js http://127.0.0.1:8005
//
// [{"subject", "from", "from_address", "to":[...], "cc":[...], "bcc":[...], "message_id",
//   "has_text":bool, "has_html":bool, "attachments":[filenames], "inline":[{cid, content_type, size}],
//   "html_cids":[cid: references left in the HTML], "html_data_images":N, "at"}]
//
// `attachments` are the files attached; images inline in the HTML (mailparser's `related`
// attachments, parts of the multipart/related) are in `inline` instead. mailparser turns each
// `cid:` of the HTML whose image part it found into a data: URI, so `html_cids` lists the ones
// the message refers to but does not carry, and `html_data_images` counts the ones it does.
//
// What GET URL/store returns (aws-ses-v2-local 2.10.2, dist/index.js and dist/v2/sendEmail.js):
//   {"templates": {...}, "emails": [ {
//       "messageId": "ses-123456789",            <- the MessageId SendEmail answered with;
//                                                    NOT the Message-ID header of the message
//       "from": "\"Name\" <a@example.com>",       <- display text (mailparser's AddressObject.text
//                                                    for Raw; FromEmailAddress for Simple/Template)
//       "replyTo": [...],
//       "destination": {"to": [...], "cc": [...], "bcc": [...]},
//       "subject": "...",
//       "body": {"text": "...", "html": "..."},   <- either may be absent
//       "attachments": [ {filename, contentType, content (base64), size, ...} ],
//       "headers": [{name, value}]                <- Simple/Template content only
//       "at": 1732269600 } ] }                    <- epoch seconds; /store?since=EPOCH filters on it
//   It is already parsed: the raw message is not kept. For Content.Raw the emulator runs
//   mailparser's simpleParser on the decoded Data itself and stores the parsed fields, so:
//   - recipients come from the message's To/Cc/Bcc HEADERS; the request's Destination (and
//     FromEmailAddress) are ignored for Raw. A Bcc recipient given only in Destination (the
//     normal case: a raw message has no Bcc header) is not recorded anywhere.
//   - each destination entry is the display text of one header, not one address: a header
//     "To: A <a@x>, b@y" is stored as the single string "\"A\" <a@x>, b@y". This script splits
//     them (nodemailer's addressparser) and prints bare addresses.
//   - body.text is mailparser's text, which it derives from the HTML when the message has no
//     text/plain part: has_text is true for an HTML-only raw message too.
//   - the Message-ID header is not kept; message_id here is the SES MessageId ("ses-NNNNNNNNN").

const addressparser = require('nodemailer/lib/addressparser');

function die(msg) {
    process.stderr.write('ses_store: ' + msg + '\n');
    process.exit(2);
}

// ["\"A\" <a@x>, b@y", "c@z"] -> ["a@x", "b@y", "c@z"] (groups flattened)
function addresses(list) {
    const out = [];
    const walk = items => {
        for (const item of items) {
            if (item.group) walk(item.group);
            else if (item.address) out.push(item.address);
        }
    };
    for (const entry of list || []) walk(addressparser(String(entry)));
    return out;
}

async function main() {
    const argv = process.argv.slice(2);
    if (argv.length !== 1) die('usage: node ses_store.js URL');
    const url = argv[0].replace(/\/+$/, '') + '/store';
    let res;
    try {
        res = await fetch(url);
    } catch (e) {
        die(`GET ${url}: ${e.cause ? e.cause.message || e.cause.code : e.message}`);
    }
    const body = await res.text();
    if (!res.ok) die(`GET ${url}: HTTP ${res.status}: ${body.slice(0, 200)}`);
    let store;
    try {
        store = JSON.parse(body);
    } catch (e) {
        die(`GET ${url}: not JSON: ${body.slice(0, 200)}`);
    }
    if (!store || !Array.isArray(store.emails)) die(`GET ${url}: no "emails" array in the answer`);

    const out = store.emails.map(e => {
        const dest = e.destination || {};
        const from = addresses([e.from]);
        return {
            subject: e.subject === undefined ? null : e.subject,
            from: e.from === undefined ? null : e.from,
            from_address: from.length ? from[0] : null,
            to: addresses(dest.to),
            cc: addresses(dest.cc),
            bcc: addresses(dest.bcc),
            message_id: e.messageId === undefined ? null : e.messageId,
            has_text: Boolean(e.body && e.body.text),
            has_html: Boolean(e.body && e.body.html),
            attachments: (e.attachments || []).filter(a => !a.related)
                .map(a => (a.filename === undefined ? null : a.filename)),
            inline: (e.attachments || []).filter(a => a.related)
                .map(a => ({cid: a.cid === undefined ? null : a.cid, content_type: a.contentType, size: a.size})),
            html_cids: ((e.body && e.body.html) || '').match(/\bcid:[^'"\s)>]+/g) || [],
            html_data_images: (((e.body && e.body.html) || '').match(/src="data:image\//g) || []).length,
            at: e.at === undefined ? null : e.at
        };
    });
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch(err => die(err && err.stack ? err.stack : String(err)));
