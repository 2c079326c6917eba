// Plays one harness page in headless Chromium and prints its result as one JSON line.
//
// Usage: node play.mjs '{"url":"http://127.0.0.1:PORT/player/shaka.html?manifest=...","timeoutMs":45000}'
// Optional fields: "executablePath" (default $CHROMIUM or /usr/bin/chromium), "player" (name used
// in harness failures).
//
// Exit codes: 0 whenever a playback result was printed, whatever it says (the Java side judges it);
// 2 when the harness itself could not run (bad arguments, browser did not start, page or player
// library missing): such a run says nothing about the stream, so it must not pass as "failed".
//
// Every wait is bounded: the page has its own timeout, this script waits at most timeoutMs for
// window.__result, and a hard timer ends the process at timeoutMs + 20 s whatever hangs.
import { chromium } from 'playwright-core';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--autoplay-policy=no-user-gesture-required', '--mute-audio',
  // Playback tests talk to 127.0.0.1 only: no name resolves, so no request can leave the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'
];

function isLoopback(url) {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host) || url.startsWith('data:') || url.startsWith('blob:');
  } catch (e) {
    return false;
  }
}
const MAX_EXTRA_LOG = 200;

let printed = false;
function emit(obj, code) {
  if (!printed) {
    printed = true;
    process.stdout.write(JSON.stringify(obj) + '\n');
  }
  process.exitCode = code;
}

let args;
try {
  args = JSON.parse(process.argv[2] || '');
  if (!args.url) throw new Error('"url" is required');
} catch (e) {
  emit({ harnessError: 'bad arguments: ' + e.message, log: [] }, 2);
  process.exit(2);
}
const timeoutMs = Number(args.timeoutMs || 45000);
const playerName = args.player || (/dashjs/.test(args.url) ? 'dashjs' : 'shaka');
const extraLog = [];
function note(line) {
  if (extraLog.length < MAX_EXTRA_LOG) extraLog.push('[browser] ' + line);
}

// Profiles left behind by runs that were killed (the Java side kills a hung run) are removed
// after an hour, so they cannot pile up in /tmp; a younger one may belong to a run in progress.
try {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('p4j-chromium-')) continue;
    const path = join(tmpdir(), name);
    if (Date.now() - statSync(path).mtimeMs > 3600000) rmSync(path, { recursive: true, force: true });
  }
} catch (e) { /* best effort only */ }

// A fresh profile per run so no cached licence, media or permission state carries over.
const userDataDir = mkdtempSync(join(tmpdir(), 'p4j-chromium-'));

// Last resort: whatever hangs (browser launch, CDP, close), the process ends.
const hardTimer = setTimeout(() => {
  emit({ player: playerName, harnessError: 'play.mjs hard timeout after ' + (timeoutMs + 20000) + ' ms', log: extraLog }, 2);
  rmSync(userDataDir, { recursive: true, force: true });
  process.exit(process.exitCode);
}, timeoutMs + 20000);
hardTimer.unref();
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: args.executablePath || process.env.CHROMIUM || '/usr/bin/chromium',
    // headless:false stops Playwright adding its own --headless; the flag list chooses the new one.
    headless: false,
    args: CHROMIUM_FLAGS,
    timeout: 30000
  });
} catch (e) {
  emit({ player: playerName, harnessError: 'chromium did not start: ' + e.message, log: extraLog }, 2);
  rmSync(userDataDir, { recursive: true, force: true });
  process.exit(2);
}

try {
  // Belt and braces with the resolver rule: a literal non-loopback address is refused too.
  await context.route((url) => !isLoopback(url.href), (route) => {
    note('blocked non-loopback request: ' + route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => note('console.' + m.type() + ': ' + m.text().slice(0, 500)));
  page.on('pageerror', (e) => note('pageerror: ' + e.message));
  page.on('requestfailed', (r) => note('request failed: ' + r.url() + ' ' + (r.failure() ? r.failure().errorText : '')));
  page.on('response', (r) => { if (r.status() >= 400) note('HTTP ' + r.status() + ' ' + r.url()); });
  page.on('crash', () => note('page crashed'));

  const response = await page.goto(args.url, { timeout: 20000, waitUntil: 'load' });
  if (!response || !response.ok()) {
    emit({ player: playerName, harnessError: 'harness page not served: HTTP ' + (response ? response.status() : '?') + ' ' + args.url, log: extraLog }, 2);
  } else {
    let result;
    try {
      const handle = await page.waitForFunction(() => window.__result, null, { timeout: timeoutMs, polling: 250 });
      result = await handle.jsonValue();
    } catch (e) {
      // The page never reported: take its state as it is, marked as an error.
      const snap = await page.evaluate(() => (window.__snapshot ? window.__snapshot() : null)).catch(() => null);
      result = Object.assign({ player: playerName, currentTime: 0, totalVideoFrames: 0, droppedVideoFrames: 0, log: [] },
        snap || {}, { error: 'harness timeout: no result from the page within ' + timeoutMs + ' ms' });
    }
    result.log = (result.log || []).concat(extraLog);
    emit(result, result.harnessError ? 2 : 0);
  }
} catch (e) {
  emit({ player: playerName, harnessError: 'harness failure: ' + e.message, log: extraLog }, 2);
} finally {
  await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 10000).unref())]);
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(process.exitCode ?? 0);
