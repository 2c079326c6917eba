// Shared part of the playback harness pages (shaka.html, dashjs.html).
//
// A page reads its inputs from its own URL, plays the manifest muted, and publishes exactly one
// final result in window.__result, which play.mjs polls. Every wait here is bounded by the page
// timeout, because play() or a licence exchange may never settle (for example without a key).
//
// Inputs:
//   ?manifest=<url>          manifest to play (required)
//   &timeout=<ms>            page-side time limit (default 30000)
//   &target=<seconds>        currentTime to reach before reporting (default 3.5)
//   #{"clearKeys":{...}}     optional URL-encoded JSON fragment, ClearKey map KID hex -> key hex;
//                            a fragment never reaches the server, so keys stay out of access logs.
'use strict';

(function () {
  const MAX_LOG_LINES = 300;
  const log = [];
  const started = performance.now();
  let result = null;
  let firstError = null;
  let snapshotProvider = null;
  let textTrackProvider = null;

  function stamp() {
    return ((performance.now() - started) / 1000).toFixed(2) + 's';
  }

  function addLog(msg) {
    const text = String(msg);
    if (log.length < MAX_LOG_LINES) {
      log.push(stamp() + ' ' + (text.length > 600 ? text.slice(0, 600) + '...' : text));
    } else if (log.length === MAX_LOG_LINES) {
      log.push('... log truncated');
    }
  }

  function describe(value) {
    if (value === undefined || value === null) return String(value);
    if (typeof value === 'string') return value;
    try {
      return JSON.stringify(value, (k, v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v))
        ? '[binary ' + v.byteLength + ' bytes]' : v);
    } catch (e) {
      return String(value);
    }
  }

  /** Shaka rejects with shaka.util.Error, whose message alone ("Shaka Error 1001") hides the data. */
  function describeError(e) {
    if (!e) return String(e);
    if (e.code !== undefined && e.category !== undefined) {
      return 'code=' + e.code + ' category=' + e.category + ' severity=' + e.severity + ' data=' + describe(e.data);
    }
    return e.message || describe(e);
  }

  function parseInputs() {
    const params = new URLSearchParams(location.search);
    let fragment = {};
    if (location.hash.length > 1) {
      try {
        fragment = JSON.parse(decodeURIComponent(location.hash.substring(1)));
      } catch (e) {
        throw new Error('cannot parse the URL fragment as JSON: ' + e.message);
      }
    }
    const manifest = fragment.manifest || params.get('manifest');
    if (!manifest) throw new Error('no manifest given (?manifest=...)');
    const clearKeys = fragment.clearKeys || (params.get('keys') ? JSON.parse(params.get('keys')) : {});
    const timeoutMs = Number(fragment.timeout || params.get('timeout') || 30000);
    const target = Number(fragment.target || params.get('target') || 3.5);
    return {
      manifest: new URL(manifest, location.href).href,
      clearKeys: clearKeys || {},
      timeoutMs,
      target
    };
  }

  function videoQuality(video) {
    if (video && typeof video.getVideoPlaybackQuality === 'function') {
      const q = video.getVideoPlaybackQuality();
      return { total: q.totalVideoFrames, dropped: q.droppedVideoFrames };
    }
    return { total: 0, dropped: 0 };
  }

  function collectTextTracks(video) {
    const tracks = [];
    try {
      if (textTrackProvider) {
        for (const t of textTrackProvider()) tracks.push(t);
      }
    } catch (e) {
      addLog('text track listing failed: ' + e.message);
    }
    return tracks;
  }

  /** The state as it is now; used for the final result and by play.mjs on a harness timeout. */
  function snapshot(player, video, reason) {
    const q = videoQuality(video);
    const extra = snapshotProvider ? (() => { try { return snapshotProvider(); } catch (e) { return {}; } })() : {};
    return Object.assign({
      player,
      reason,
      currentTime: video ? video.currentTime : 0,
      totalVideoFrames: q.total,
      droppedVideoFrames: q.dropped,
      error: firstError,
      textTracks: collectTextTracks(video),
      log: log.slice()
    }, extra);
  }

  function finish(player, video, reason) {
    if (result) return;
    addLog('finished: ' + reason);
    result = snapshot(player, video, reason);
    window.__result = result;
    try {
      if (video) video.pause();
    } catch (e) { /* the result is already taken */ }
  }

  function recordError(text) {
    addLog('ERROR ' + text);
    if (!firstError) firstError = text;
  }

  /**
   * Runs one playback: setup(video, inputs, api) must attach a player, configure DRM and start
   * loading; it may return a promise. Resolves nothing: the outcome lands in window.__result.
   */
  function run(player, setup) {
    const video = document.getElementById('video');
    window.__snapshot = () => snapshot(player, video, 'snapshot');
    let inputs;
    try {
      inputs = parseInputs();
    } catch (e) {
      window.__result = { player, harnessError: e.message, log: log.slice() };
      return;
    }
    addLog('manifest ' + inputs.manifest + ', clearKeys ' + Object.keys(inputs.clearKeys).length +
      ', timeout ' + inputs.timeoutMs + ' ms');

    video.muted = true;
    video.addEventListener('error', () => {
      const err = video.error;
      recordError('video element error: code=' + (err ? err.code : '?') + ' message=' + (err ? err.message : ''));
      finish(player, video, 'video element error');
    });
    for (const type of ['loadedmetadata', 'playing', 'waiting', 'stalled', 'ended', 'encrypted']) {
      video.addEventListener(type, () => addLog('video ' + type + ' t=' + video.currentTime.toFixed(3)));
    }
    video.addEventListener('ended', () => finish(player, video, 'ended'));
    const checkTarget = () => {
      if (video.currentTime > inputs.target) finish(player, video, 'reached ' + inputs.target + ' s');
    };
    video.addEventListener('timeupdate', checkTarget);
    // Also poll: a player that jumps currentTime by seeking over undecodable data may never get a
    // timeupdate, and the run should end (and be judged on its decoded frames) rather than time out.
    const poll = setInterval(() => { if (result) clearInterval(poll); else checkTarget(); }, 250);
    setTimeout(() => finish(player, video, 'page timeout after ' + inputs.timeoutMs + ' ms'), inputs.timeoutMs);

    const api = {
      log: addLog,
      describe,
      describeError,
      // A player error ends the run: with a bad stream or key, recovery could otherwise keep
      // moving currentTime forward with nothing decoded.
      error: (text) => { recordError(text); finish(player, video, 'player error'); },
      setSnapshotProvider: (fn) => { snapshotProvider = fn; },
      setTextTrackProvider: (fn) => { textTrackProvider = fn; },
      // play() may never settle (for example while no key arrives), so nothing awaits it.
      play: () => {
        const p = video.play();
        if (p && p.catch) p.catch((e) => addLog('play() rejected: ' + e.message));
      }
    };
    Promise.resolve()
      .then(() => setup(video, inputs, api))
      .catch((e) => api.error('setup failed: ' + describeError(e)));
  }

  /** Converts hex to unpadded base64url, as dash.js expects ClearKey KIDs and keys. */
  function hexToBase64Url(hex) {
    const clean = hex.replace(/-/g, '');
    if (!/^([0-9a-fA-F]{2})+$/.test(clean)) throw new Error('not hex: ' + hex);
    let bin = '';
    for (let i = 0; i < clean.length; i += 2) bin += String.fromCharCode(parseInt(clean.substr(i, 2), 16));
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  window.__harness = { run, hexToBase64Url, harnessError: (player, msg) => {
    window.__result = { player, harnessError: msg, log: log.slice() };
  } };
})();
