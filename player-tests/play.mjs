// Plays one harness page in headless Chromium and prints its result as one JSON line.
//
// Usage: node play.mjs '{"url":"http://127.0.0.1:PORT/player/shaka.html?manifest=...","timeoutMs":45000}'
// Optional fields: "executablePath" (default $CHROMIUM or /usr/bin/chromium), "player" (name used
// in harness failures).
//
// Any other page (not one of our harness pages): add "watchVideo": true and optionally "target"
// (seconds, default 3.5). Instead of waiting for window.__result, the page's first <video> element
// is polled every 250 ms until its currentTime passes the target, it reports an error, it ends, the
// page throws or logs a console error, or timeoutMs passes; the same JSON line is printed, with
// player "page" unless "player" is given. A timeout is not an error: the time and frames tell.
//
// Rendition switching, on any page that plays with Shaka Player and exposes it as window.player (the
// platform's /play/{id} page does) or window.__player (shaka.html): add "switchRenditions": true.
// Once the first <video> plays, ABR is turned off and each distinct video height among the player's
// variant tracks is selected in turn (clearing the buffer, so the switch is not hidden behind
// buffered media; the first one chosen is not the height showing then, so every selection is a
// change). For each, the run waits until the decoder outputs pictures of that height
// (video.videoHeight), Shaka reports that track active, and playback has gone on for
// "playSeconds" (default 1) of media time in it. The result has the usual fields plus
// "variantHeights" and "switches" (one entry per selection: height, width, the decoded height it
// switched from, the time it was asked for and shown, the time played to, the decoded size, frames
// decoded before and after) and Shaka's
// "switchHistory". The first player error, page error, ended media, or timeoutMs ends it with an
// error.
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
const switchRenditions = args.switchRenditions === true;
const watchVideo = args.watchVideo === true || switchRenditions;
const playSeconds = Number(args.playSeconds || 1);
const target = Number(args.target || 3.5);
const playerName = args.player || (watchVideo ? 'page' : (/dashjs/.test(args.url) ? 'dashjs' : 'shaka'));
const extraLog = [];
function note(line) {
  if (extraLog.length < MAX_EXTRA_LOG) extraLog.push('[browser] ' + line);
}
// The first uncaught exception or console error of the page: ends a watchVideo run as an error.
let firstPageError = null;
function pageError(text) {
  if (firstPageError === null) firstPageError = text;
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
  page.on('console', (m) => {
    note('console.' + m.type() + ': ' + m.text().slice(0, 500));
    if (m.type() === 'error') pageError('console.error: ' + m.text().slice(0, 500));
  });
  page.on('pageerror', (e) => {
    note('pageerror: ' + e.message);
    pageError('pageerror: ' + e.message);
  });
  page.on('requestfailed', (r) => note('request failed: ' + r.url() + ' ' + (r.failure() ? r.failure().errorText : '')));
  page.on('response', (r) => { if (r.status() >= 400) note('HTTP ' + r.status() + ' ' + r.url()); });
  page.on('crash', () => note('page crashed'));

  const response = await page.goto(args.url, { timeout: 20000, waitUntil: 'load' });
  if (!response || !response.ok()) {
    emit({ player: playerName, harnessError: 'harness page not served: HTTP ' + (response ? response.status() : '?') + ' ' + args.url, log: extraLog }, 2);
  } else if (switchRenditions) {
    const result = await switchAll(page);
    result.log = (result.log || []).concat(extraLog);
    emit(result, 0);
  } else if (watchVideo) {
    const result = await watch(page);
    result.log = (result.log || []).concat(extraLog);
    emit(result, 0);
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

/** The state of the page's first <video>, or null when there is none (yet). */
function videoState() {
  const v = document.querySelector('video');
  if (!v) return null;
  const q = typeof v.getVideoPlaybackQuality === 'function' ? v.getVideoPlaybackQuality() : null;
  const tracks = [];
  for (const t of Array.from(v.textTracks || [])) {
    tracks.push({ language: t.language, kind: t.kind, label: t.label });
  }
  return {
    currentTime: v.currentTime,
    totalVideoFrames: q ? q.totalVideoFrames : 0,
    droppedVideoFrames: q ? q.droppedVideoFrames : 0,
    ended: v.ended,
    error: v.error ? 'video element error: code=' + v.error.code + ' message=' + (v.error.message || '') : null,
    textTracks: tracks
  };
}

/** Polls the page's first <video> until it passes the target, fails, ends or the time is up. */
async function watch(page) {
  const started = Date.now();
  const log = ['watching the first <video> of ' + args.url + ' until ' + target + ' s, at most ' + timeoutMs + ' ms'];
  let state = null;
  let reason = null;
  let error = null;
  while (reason === null) {
    try {
      state = (await page.evaluate(videoState)) || state;
    } catch (e) {
      // A navigation or a crash: the page is gone, so is the playback.
      error = 'page could not be read: ' + e.message;
      reason = 'page error';
      break;
    }
    if (state && state.error) {
      error = state.error;
      reason = 'video element error';
    } else if (firstPageError !== null) {
      error = firstPageError;
      reason = 'page error';
    } else if (state && state.currentTime > target) {
      reason = 'reached ' + target + ' s';
    } else if (state && state.ended) {
      reason = 'ended';
    } else if (Date.now() - started >= timeoutMs) {
      reason = 'timeout after ' + timeoutMs + ' ms' + (state ? '' : ' (the page has no <video> element)');
    } else {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  log.push(((Date.now() - started) / 1000).toFixed(2) + 's finished: ' + reason);
  return summary(playerName, reason, state, error, log);
}

/** The one result shape every mode prints; {@code extra} adds a mode's own fields before the log. */
function summary(playerName, reason, state, error, log, extra = {}) {
  const s = state || { currentTime: 0, totalVideoFrames: 0, droppedVideoFrames: 0, textTracks: [] };
  return {
    player: playerName,
    reason,
    currentTime: s.currentTime,
    totalVideoFrames: s.totalVideoFrames,
    droppedVideoFrames: s.droppedVideoFrames,
    error,
    textTracks: s.textTracks || [],
    ...extra,
    log
  };
}

/** The page's Shaka Player and first <video>, as plain data (run inside the page). */
function shakaState() {
  const player = window.player || window.__player;
  const v = document.querySelector('video');
  if (!player || typeof player.getVariantTracks !== 'function' || !v) return null;
  const tracks = player.getVariantTracks();
  const active = tracks.find((t) => t.active);
  const q = typeof v.getVideoPlaybackQuality === 'function' ? v.getVideoPlaybackQuality() : null;
  return {
    currentTime: v.currentTime,
    videoWidth: v.videoWidth,
    videoHeight: v.videoHeight,
    ended: v.ended,
    totalVideoFrames: q ? q.totalVideoFrames : 0,
    droppedVideoFrames: q ? q.droppedVideoFrames : 0,
    error: v.error ? 'video element error: code=' + v.error.code + ' message=' + (v.error.message || '') : null,
    activeHeight: active ? active.height : null,
    heights: Array.from(new Set(tracks.filter((t) => t.height).map((t) => t.height))).sort((a, b) => a - b)
  };
}

/** Selects the variant of this height with ABR off, clearing the buffer (run inside the page). */
function selectHeight(height) {
  const player = window.player || window.__player;
  player.configure({ abr: { enabled: false } });
  const track = player.getVariantTracks().find((t) => t.height === height);
  if (!track) return null;
  player.selectVariantTrack(track, true);
  return { width: track.width, height: track.height, bandwidth: track.bandwidth };
}

/** Shaka's own record of the switches (run inside the page). */
function switchHistory() {
  const player = window.player || window.__player;
  return player.getStats().switchHistory.map((h) => ({ type: h.type, fromAdaptation: h.fromAdaptation, id: h.id,
    bandwidth: h.bandwidth, timestamp: h.timestamp }));
}

/** Plays every rendition in turn; see the comment at the top. */
async function switchAll(page) {
  const started = Date.now();
  const log = ['switching renditions on ' + args.url + ', ' + playSeconds + ' s in each, at most ' + timeoutMs + ' ms'];
  const elapsed = () => ((Date.now() - started) / 1000).toFixed(2) + 's ';
  const switches = [];
  let state = null;
  let error = null;
  let reason = null;
  let heights = [];

  // Polls the page until test(state) holds; false (with error and reason set) if the run must end.
  async function until(test, what) {
    for (;;) {
      try {
        state = (await page.evaluate(shakaState)) || state;
      } catch (e) {
        error = 'page could not be read: ' + e.message;
        reason = 'page error';
        return false;
      }
      if (state && state.error) {
        error = state.error;
        reason = 'video element error';
      } else if (firstPageError !== null) {
        error = firstPageError;
        reason = 'page error';
      } else if (state && test(state)) {
        return true;
      } else if (state && state.ended) {
        error = 'the media ended while waiting for ' + what;
        reason = 'ended';
      } else if (Date.now() - started >= timeoutMs) {
        error = 'timeout after ' + timeoutMs + ' ms waiting for ' + what;
        reason = 'timeout';
      }
      if (reason !== null) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  if (await until((s) => s.currentTime > 0.5 && s.heights.length > 0 && s.videoHeight > 0, 'playback to start')) {
    heights = state.heights;
    log.push(elapsed() + 'playing at ' + state.videoWidth + 'x' + state.videoHeight + ', variant heights ' + heights.join(', '));
    // Start with a height that is not showing, so that every selection changes the picture size.
    const first = Math.max(0, heights.findIndex((h) => h !== state.videoHeight));
    const order = heights.slice(first).concat(heights.slice(0, first));
    for (const height of order) {
      const before = state;
      const chosen = await page.evaluate(selectHeight, height);
      if (!chosen) {
        error = 'no variant track of height ' + height;
        reason = 'player error';
        break;
      }
      log.push(elapsed() + 'selected ' + chosen.width + 'x' + chosen.height + ' at t=' + before.currentTime.toFixed(3));
      let shown = null;
      const reached = await until((s) => {
        if (shown === null && s.videoHeight === height && s.activeHeight === height) shown = s;
        return shown !== null && s.currentTime >= shown.currentTime + playSeconds;
      }, height + 'p to play for ' + playSeconds + ' s');
      switches.push({
        width: chosen.width,
        height: chosen.height,
        fromHeight: before.videoHeight,
        requestedAt: before.currentTime,
        shownAt: shown ? shown.currentTime : null,
        playedTo: state ? state.currentTime : null,
        videoWidth: shown ? shown.videoWidth : (state ? state.videoWidth : 0),
        videoHeight: shown ? shown.videoHeight : (state ? state.videoHeight : 0),
        framesBefore: before.totalVideoFrames,
        framesAfter: state ? state.totalVideoFrames : 0,
        reached
      });
      if (!reached) break;
      log.push(elapsed() + 'showing ' + state.videoWidth + 'x' + state.videoHeight + ' from t=' + shown.currentTime.toFixed(3)
        + ', played to t=' + state.currentTime.toFixed(3));
    }
    if (reason === null) reason = 'switched to every rendition';
  }
  let history = [];
  try {
    history = await page.evaluate(switchHistory);
  } catch (e) {
    log.push('switch history unavailable: ' + e.message);
  }
  log.push(elapsed() + 'finished: ' + reason);
  return summary(playerName, reason, state, error, log,
    { textTracks: [], variantHeights: heights, switches, switchHistory: history });
}
