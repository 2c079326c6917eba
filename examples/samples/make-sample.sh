#!/usr/bin/env bash
# Regenerates sample.mp4, the clip the README's "run the main job" command packages.
#
# Synthetic on purpose: ffmpeg's testsrc2 pattern (moving shapes and a frame counter) and a
# 440 Hz tone that beeps at 880 Hz once a second, so the repository ships no third-party media.
# The arguments are fixed and bit-exact, so the same ffmpeg build rewrites the same bytes.
#
# Usage: examples/samples/make-sample.sh   (from any directory; needs ffmpeg with libx264)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/sample.mp4"

if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "make-sample.sh: ffmpeg is required (scripts/test.sh installs it)" >&2
  exit 1
fi

# Video: 640x360, 24 fps, H.264 High, an IDR every 48 frames (2 s) and nowhere else
#   (-g/-keyint_min 48, no scene-cut keyframes, keyframes forced by frame number), so the
#   segments of a packaged stream all start on the same 2-second grid. The rate cap keeps the
#   file under 1 MB. One thread, so x264's output does not depend on thread scheduling.
# Audio: AAC-LC stereo 48 kHz 128 kbit/s.
# +faststart puts the moov box before the mdat box.
ffmpeg -nostdin -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc2=size=640x360:rate=24:duration=10" \
  -f lavfi -i "sine=frequency=440:beep_factor=2:sample_rate=48000:duration=10" \
  -map 0:v -map 1:a \
  -c:v libx264 -profile:v high -preset medium -crf 26 -maxrate 600k -bufsize 1200k -threads 1 \
  -bf 2 -g 48 -keyint_min 48 -sc_threshold 0 -force_key_frames "expr:eq(mod(n,48),0)" \
  -pix_fmt yuv420p \
  -c:a aac -b:a 128k -ac 2 -ar 48000 \
  -fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1 \
  -movflags +faststart \
  "$out"

echo "wrote $out ($(wc -c <"$out") bytes)"
