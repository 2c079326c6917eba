// Plays one package on the page rendered by PlayPage (GET /play/{id}); its inputs are the data-
// attributes of #player: manifest URL, ClearKey licence URL and the short-lived licence token.
// Kept out of the HTML so the page's Content-Security-Policy can forbid inline scripts.
'use strict';

(function () {
  const root = document.getElementById('player');
  const video = document.getElementById('video');
  const status = document.getElementById('status');
  const config = root.dataset;

  function show(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }

  /** Shows the failure and also reports it on the console, where tests and developers look. */
  function fail(text) {
    show('Playback failed: ' + text, true);
    console.error('packager4j player: ' + text);
  }

  /** Shaka errors carry only numbers; the name of the code and a hint say more. */
  function describe(e) {
    if (!e || e.code === undefined) return (e && e.message) || String(e);
    let name = '';
    const codes = (shaka.util && shaka.util.Error && shaka.util.Error.Code) || {};
    for (const key of Object.keys(codes)) {
      if (codes[key] === e.code) name = ' ' + key;
    }
    let hint = '';
    if (e.code === 6007) hint = ' (the licence server refused the request: reload the page for a new token)';
    if (e.code === 1001) hint = ' (a file could not be downloaded)';
    return 'Shaka error ' + e.code + name + hint;
  }

  if (typeof shaka === 'undefined') {
    fail('Shaka Player did not load from /web/vendor/shaka-player/shaka-player.compiled.js');
    return;
  }
  shaka.polyfill.installAll();
  if (!shaka.Player.isBrowserSupported()) {
    fail('this browser cannot play DASH (no Media Source Extensions or EME)');
    return;
  }

  // Muted, so browsers allow playback to start without a click.
  video.muted = true;
  video.addEventListener('error', () => {
    const err = video.error;
    fail('the video element reported error ' + (err ? err.code + ' ' + (err.message || '') : '?'));
  });
  video.addEventListener('playing', () => show('Playing'));
  video.addEventListener('waiting', () => show('Buffering…'));

  const player = new shaka.Player();
  window.player = player; // handy from the browser console
  player.addEventListener('error', (event) => fail(describe(event.detail)));
  player.configure({ drm: { servers: { 'org.w3.clearkey': config.licenseUrl } } });
  // The token goes in a header rather than the URL, so it stays out of access logs.
  // DASH asks the ClearKey licence endpoint; HLS fetches the raw key from its EXT-X-KEY URI.
  const RequestType = shaka.net.NetworkingEngine.RequestType;
  player.getNetworkingEngine().registerRequestFilter((type, request) => {
    if (type === RequestType.LICENSE || type === RequestType.KEY) {
      request.headers['Authorization'] = 'Bearer ' + config.token;
    }
  });

  show('Loading…');
  player.attach(video)
    .then(() => player.load(config.manifestUrl))
    .then(() => {
      const started = video.play();
      if (started && started.catch) {
        started.catch((e) => show('Press play to start (' + e.message + ')'));
      }
    })
    .catch((e) => fail(describe(e)));
})();
