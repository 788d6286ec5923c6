// Opens report HTML files in headless Chromium (Debian's /usr/bin/chromium,
// driven by puppeteer-core) as a reader's phone and desktop would, and
// prints what it measured as JSON on stdout; tests/browser/browser_test.py
// asserts on it.
//
//   node render.js --out DIR FILE.html...
//
// Each file is served as the only response of a made-up origin with a
// Content-Security-Policy that allows inline styles and data: images and
// nothing else: a script or event handler in a report is blocked and counted
// as a violation, and any request for another resource (a stylesheet, a web
// font, a remote image) is refused and listed. Per file and width (375 px
// as a phone, 1280 px as a desktop) it reports the document's scroll width
// against the viewport, the images and whether each loaded, the violations
// and requests, and the same width again with every <style> element
// removed. Screenshots go to DIR as NAME-375.png, NAME-375-unstyled.png and
// NAME-1280.png: the page from its top, at most k_shot_height CSS px of it
// (a long report's full page takes seconds to encode).
'use strict';

const fs = require('fs');
const path = require('path');
// puppeteer-core is one of the npm test peers (tests/peers/package.json).
const puppeteer = require(path.join(__dirname, '..', 'peers', 'node_modules', 'puppeteer-core'));

const k_origin = 'http://report.invalid/';
const k_csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
const k_shot_height = 6000;
const k_widths = [
    {width: 375, height: 812, isMobile: true, hasTouch: true, deviceScaleFactor: 1},
    {width: 1280, height: 900, isMobile: false, hasTouch: false, deviceScaleFactor: 1},
];

function usage() {
    process.stderr.write('usage: node render.js --out DIR FILE.html...\n');
    process.exit(2);
}

async function measure(page) {
    return page.evaluate(() => ({
        scroll_width: document.documentElement.scrollWidth,
        inner_width: window.innerWidth,
        images: Array.from(document.images, img => ({
            src: img.getAttribute('src').slice(0, 40),
            loaded: img.complete && img.naturalWidth > 0,
            width: img.getBoundingClientRect().width,
        })),
        scripts: document.scripts.length,
        handlers: Array.from(document.querySelectorAll('*'))
            .flatMap(el => Array.from(el.attributes).filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name)),
        styles: document.querySelectorAll('style').length,
        violations: window.__qd_violations.slice(),
    }));
}

async function shoot(page, file) {
    const {width, height} = await page.evaluate(() => ({
        width: window.innerWidth,
        height: document.documentElement.scrollHeight,
    }));
    await page.screenshot({
        path: file,
        clip: {x: 0, y: 0, width, height: Math.min(height, k_shot_height)},
        captureBeyondViewport: true,
    });
}

async function main() {
    const argv = process.argv.slice(2);
    if (argv.length < 3 || argv[0] !== '--out') usage();
    const out = argv[1];
    const files = argv.slice(2);
    fs.mkdirSync(out, {recursive: true});

    const browser = await puppeteer.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const results = [];
    try {
        const page = await browser.newPage();
        await page.evaluateOnNewDocument(() => {
            window.__qd_violations = [];
            document.addEventListener('securitypolicyviolation',
                e => window.__qd_violations.push(`${e.violatedDirective} ${e.blockedURI}`));
        });
        let body = '';
        let requests = [];
        await page.setRequestInterception(true);
        page.on('request', request => {
            const url = request.url();
            if (url === k_origin) {
                request.respond({
                    status: 200,
                    headers: {'Content-Security-Policy': k_csp},
                    contentType: 'text/html; charset=utf-8',
                    body,
                });
            } else if (url.startsWith('data:')) {
                request.continue();
            } else {
                requests.push(url);
                request.abort();
            }
        });
        for (const file of files) {
            const name = path.basename(path.dirname(file)) + '-' + path.basename(file, '.html');
            body = fs.readFileSync(file);
            for (const viewport of k_widths) {
                requests = [];
                await page.setViewport(viewport);
                await page.goto(k_origin, {waitUntil: 'load'});
                const styled = await measure(page);
                await shoot(page, path.join(out, `${name}-${viewport.width}.png`));
                await page.evaluate(() => document.querySelectorAll('style').forEach(s => s.remove()));
                const unstyled = await measure(page);
                if (viewport.isMobile) {
                    await shoot(page, path.join(out, `${name}-${viewport.width}-unstyled.png`));
                }
                results.push({file, name, width: viewport.width, styled, unstyled, requests});
            }
        }
    } finally {
        await browser.close();
    }
    process.stdout.write(JSON.stringify(results, null, 1) + '\n');
}

main().catch(err => {
    process.stderr.write('render.js: ' + (err && err.stack ? err.stack : String(err)) + '\n');
    process.exit(1);
});
