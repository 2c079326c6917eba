// Parses packaged HLS playlists with hls-parser (npm, strict mode: any violation of RFC 8216 it
// knows is an error) and prints what it read as one JSON line, for the Java tests to compare with
// the MPD and the segment files.
//
// Usage: node hls-parse.mjs DIR [MASTER]   (MASTER defaults to master.m3u8)
// Reads MASTER and every playlist it names (variants, I-frame variants, audio and subtitle
// renditions), from the file system. Output:
//   {"master": {...}, "playlists": {"<uri>": {...}}}
// Exit 0 with that line; exit 1 with {"error": "..."} when a playlist is missing or invalid.
import HLS from 'hls-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

HLS.setOptions({ strictMode: true });

function fail(message) {
  process.stdout.write(JSON.stringify({ error: message }) + '\n');
  process.exit(1);
}

function read(dir, uri) {
  // Our playlists use relative URIs; percent-escapes are file-name characters.
  return readFileSync(join(dir, decodeURIComponent(uri)), 'utf8');
}

function key(k) {
  return k ? { method: k.method, uri: k.uri, format: k.format, formatVersion: k.formatVersion, hasIv: !!k.iv } : null;
}

function range(r) {
  return r ? { length: r.length, offset: r.offset } : null;
}

function rendition(r) {
  return { type: r.type, groupId: r.groupId, language: r.language, name: r.name, isDefault: r.isDefault,
    autoselect: r.autoselect, channels: r.channels, uri: r.uri };
}

function media(dir, uri) {
  let p;
  try {
    p = HLS.parse(read(dir, uri));
  } catch (e) {
    fail(uri + ': ' + e.message);
  }
  if (p.isMasterPlaylist) fail(uri + ' is a multivariant playlist, expected a media playlist');
  return {
    version: p.version, targetDuration: p.targetDuration, playlistType: p.playlistType, endlist: p.endlist,
    isIFrame: p.isIFrame, independentSegments: p.independentSegments, mediaSequenceBase: p.mediaSequenceBase,
    segments: p.segments.map((s) => ({
      uri: s.uri, duration: s.duration, byterange: range(s.byterange), key: key(s.key),
      map: s.map ? { uri: s.map.uri, byterange: range(s.map.byterange) } : null
    }))
  };
}

const [dir, masterName = 'master.m3u8'] = process.argv.slice(2);
if (!dir) fail('usage: node hls-parse.mjs DIR [MASTER]');
let master;
try {
  master = HLS.parse(read(dir, masterName));
} catch (e) {
  fail(masterName + ': ' + e.message);
}
if (!master.isMasterPlaylist) fail(masterName + ' is not a multivariant playlist');

const playlists = {};
const variants = master.variants.map((v) => {
  const renditions = [...v.audio, ...v.subtitles];
  for (const u of [v.uri, ...renditions.map((r) => r.uri)]) {
    if (u && !(u in playlists)) playlists[u] = media(dir, u);
  }
  return {
    uri: v.uri, isIFrameOnly: !!v.isIFrameOnly, bandwidth: v.bandwidth, averageBandwidth: v.averageBandwidth,
    codecs: v.codecs, resolution: v.resolution || null, frameRate: v.frameRate,
    audio: v.audio.map(rendition), subtitles: v.subtitles.map(rendition)
  };
});
process.stdout.write(JSON.stringify({
  master: {
    version: master.version, independentSegments: master.independentSegments,
    sessionKeys: master.sessionKeyList.map(key), variants
  },
  playlists
}) + '\n');
