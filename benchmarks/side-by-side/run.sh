#!/usr/bin/env bash
# Side-by-side benchmark: our CLI (packager4j) against Shaka Packager on the same 1080p inputs,
# clear / cenc / cbcs, live profile, 4 s segments. Wall time and peak RSS come from GNU time.
#
# Run from anywhere (it cd's to the repository root) on Debian/Ubuntu with JDK 17+ and Maven:
#     benchmarks/side-by-side/run.sh
#     RUNS=5 INPUTS=2min benchmarks/side-by-side/run.sh
# Knobs (environment): RUNS (default 3), INPUTS (2min,20min), MODES (clear,cenc,cbcs),
# OURS_XMX (64m), REBUILD (1: rebuild our CLI jar first). README.md next to this script says
# what the table means.
set -euo pipefail
cd "$(dirname "$0")/../.."

readonly HERE=benchmarks/side-by-side
readonly WORK=$HERE/work
readonly JAR=examples/cli/target/packager4j-cli.jar
readonly SHAKA=$HERE/node_modules/shaka-packager/bin/packager-linux-x64
readonly SHAKA_VERSION=3.4.2
readonly RUNS=${RUNS:-3}
readonly INPUTS=${INPUTS:-2min,20min}
readonly MODES=${MODES:-clear,cenc,cbcs}
readonly OURS_XMX=${OURS_XMX:-64m}
readonly REBUILD=${REBUILD:-0}
readonly SEGMENT_SECONDS=4
# One fixed key pair for both tools, so both do exactly the same encryption work.
readonly KEY_HEX=00112233445566778899aabbccddeeff
readonly KID_HEX=0123456789abcdef0123456789abcdef

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Once measuring has begun, a failure still writes what was measured so far (and the failure
# itself) to the results file: an error of one tool on one input is a result worth keeping.
FAILURE=""
RESULTS=""
die() {
  printf 'ERROR: %s\n' "$*" >&2
  if [ -n "$RESULTS" ]; then
    FAILURE=$*
    report >"$RESULTS"
    echo "Partial results and the error are in $RESULTS" >&2
  fi
  exit 1
}
# Output directories of an interrupted or failed run (only ours: work/out.*).
trap 'rm -rf "$WORK"/out.*' EXIT

# ---------------------------------------------------------------------------------------------
# 1. Tools
# ---------------------------------------------------------------------------------------------

# apt packages: ffmpeg (inputs and checks), time (GNU time: /usr/bin/time -v gives peak RSS,
# which bash's `time` keyword cannot), nodejs/npm only if absent (for `npm ci` of Shaka).
install_apt_tools() {
  local missing=()
  command -v ffmpeg  >/dev/null 2>&1 || missing+=(ffmpeg)
  command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
  [ -x /usr/bin/time ]               || missing+=(time)
  command -v npm     >/dev/null 2>&1 || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    log "installing with apt: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
}

# Shaka Packager's static Linux binary, pinned by package.json + package-lock.json.
install_shaka() {
  if [ ! -f "$SHAKA" ] || ! "$SHAKA" --version 2>/dev/null | grep -q "v$SHAKA_VERSION-"; then
    log "installing shaka-packager@$SHAKA_VERSION with npm ci"
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # npm does not always keep the executable bit of files inside the tarball's bin/ folder.
  chmod +x "$SHAKA"
  "$SHAKA" --version >/dev/null || die "$SHAKA does not run on this machine"
}

# Built only when missing (or REBUILD=1), so an existing jar is what gets measured.
build_cli() {
  if [ ! -f "$JAR" ] || [ "$REBUILD" = 1 ]; then
    log "building $JAR"
    mvn -B -ntp -q -DskipTests package -pl examples/cli -am
  fi
  [ -f "$JAR" ] || die "$JAR missing after the build"
}

# ---------------------------------------------------------------------------------------------
# 2. Inputs (cached in work/; a file only gets its final name once it passed the checks)
# ---------------------------------------------------------------------------------------------

input_path() { printf '%s/input-%s.mp4\n' "$WORK" "$1"; }

# 2 minutes of 1080p30 H.264 High at ~7.8 Mb/s + AAC-LC stereo 48 kHz 128 kb/s.
# testsrc2 alone compresses too well to be realistic, so temporal+uniform noise is added; a
# fixed GOP (keyint 60 = 2 s, no scene-cut keyframes) lets both tools cut every 4 s exactly.
make_2min() {
  local out tmp
  out=$(input_path 2min)
  [ -f "$out" ] && return 0
  tmp=$WORK/tmp-2min.mp4
  log "encoding $out (libx264 veryfast, about 2-3 minutes on 2 cores)"
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1920x1080:rate=30,noise=alls=12:allf=t+u" \
    -f lavfi -i "aevalsrc=0.2*sin(2*PI*440*t)+0.05*random(0)|0.2*sin(2*PI*660*t)+0.05*random(1):s=48000:c=stereo" \
    -t 120 \
    -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p \
    -b:v 7.8M -maxrate 8M -bufsize 16M -g 60 -keyint_min 60 -sc_threshold 0 \
    -c:a aac -b:a 128k -ac 2 -ar 48000 \
    -movflags +faststart "$tmp"
  check_input "$tmp" 120
  mv "$tmp" "$out"
}

# 20 minutes = the 2-minute file 10 times through the concat demuxer, stream copy: seconds
# instead of 20+ minutes of encoding, and the same bitrate and GOP structure.
make_20min() {
  local out tmp list src
  out=$(input_path 20min)
  [ -f "$out" ] && return 0
  make_2min
  src=$(basename "$(input_path 2min)")
  tmp=$WORK/tmp-20min.mp4
  list=$WORK/concat-20min.txt
  for _ in 1 2 3 4 5 6 7 8 9 10; do printf "file '%s'\n" "$src"; done >"$list"
  log "concatenating $out (10 x 2 min, -c copy)"
  ffmpeg -hide_banner -loglevel error -y -f concat -safe 0 -i "$list" -c copy \
    -movflags +faststart "$tmp"
  rm -f "$list"
  check_input "$tmp" 1200
  # Decode 3 s across every join and the end: that is where a bad concatenation would show.
  local t
  for t in 118 238 358 478 598 718 838 958 1078 1197; do
    ffmpeg -hide_banner -v error -xerror -ss "$t" -i "$tmp" -t 3 -f null - \
      || die "$tmp does not decode around ${t}s"
  done
  mv "$tmp" "$out"
}

# Duration within 1 s of the target, strictly increasing DTS in each stream, one keyframe
# every 2 s, and the codecs we asked for.
check_input() {
  local file=$1 want=$2 dur stream codecs keyframes
  dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$file")
  awk -v d="$dur" -v w="$want" 'BEGIN { exit !(d > w - 1 && d < w + 1) }' \
    || die "$file: duration $dur s, expected about $want s"
  codecs=$(ffprobe -v error -show_entries stream=codec_name,profile -of csv=p=0 "$file" | tr '\n' ' ')
  [ "$codecs" = "h264,High aac,LC " ] || die "$file: unexpected streams: $codecs"
  for stream in v:0 a:0; do
    ffprobe -v error -select_streams "$stream" -show_entries packet=dts -of csv=p=0 "$file" \
      | awk -v f="$file" -v s="$stream" '
          $1 == "" { next }   # ffprobe adds an empty line after a packet with side data
          n++ && $1 + 0 <= prev + 0 {
            printf "%s %s: DTS %s after %s (packet %d)\n", f, s, $1, prev, n > "/dev/stderr"; bad = 1; exit }
          { prev = $1 }
          END { exit bad }' \
      || die "$file: timestamps of $stream are not strictly increasing"
  done
  keyframes=$(ffprobe -v error -select_streams v:0 -show_entries packet=flags -of csv=p=0 "$file" \
    | grep -c '^K')
  [ "$keyframes" -eq $((want / 2)) ] || die "$file: $keyframes keyframes, expected $((want / 2))"
}

# ---------------------------------------------------------------------------------------------
# 3. Measurement
# ---------------------------------------------------------------------------------------------

# Runs "$@" under GNU time; sets WALL (s), RSS_KB and CPU (user+sys s). Any non-zero exit stops
# the whole benchmark with the tool's own output: a failure is a result, not something to skip.
WALL=0 RSS_KB=0 CPU=0 SEGMENTS=0 OUT_BYTES=0
measure() {
  local label=$1; shift
  local timef=$WORK/time.txt logf=$WORK/tool.log
  if ! /usr/bin/time -v -o "$timef" "$@" >"$logf" 2>&1; then
    die "$(printf '%s failed: %s\n--- output of the tool:\n%s\n--- /usr/bin/time -v:\n%s' \
      "$label" "$*" "$(cat "$logf")" "$(cat "$timef")")"
  fi
  WALL=$(awk -F': ' '/Elapsed \(wall clock\) time/ {
           n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$timef")
  RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timef")
  CPU=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$timef")
}

# Each run gets a fresh, empty output directory in work/ (same filesystem for both tools and
# for cp), removed right after. `sync` after the removal so dirty pages of one run are never
# written back during the next; nothing else is dropped, so every run sees a warm page cache.
new_out() { mktemp -d "$WORK/out.XXXXXX"; }
drop_out() { rm -rf "$1"; sync; }

run_ours() {
  local in=$1 mode=$2 out=$3
  local enc=()
  [ "$mode" = clear ] || enc=(--scheme "$mode" --key "$KEY_HEX" --kid "$KID_HEX")
  measure "packager4j $mode" java "-Xmx$OURS_XMX" -jar "$JAR" package --input "$in" \
    --output "$out" --segment-duration "$SEGMENT_SECONDS" -q "${enc[@]}"
}

# --generate_static_live_mpd: with segment templates Shaka writes a dynamic MPD by default;
# ours is static, so this makes the two manifests the same kind (still isoff-live).
run_shaka() {
  local in=$1 mode=$2 out=$3
  local enc=()
  [ "$mode" = clear ] || enc=(--enable_raw_key_encryption --keys "label=:key_id=$KID_HEX:key=$KEY_HEX"
                              --protection_scheme "$mode" --clear_lead 0)
  measure "shaka $mode" "$SHAKA" \
    "in=$in,stream=video,init_segment=$out/video/init.mp4,segment_template=$out/video/\$Number\$.m4s" \
    "in=$in,stream=audio,init_segment=$out/audio/init.mp4,segment_template=$out/audio/\$Number\$.m4s" \
    --segment_duration "$SEGMENT_SECONDS" --generate_static_live_mpd --quiet "${enc[@]}" \
    --mpd_output "$out/manifest.mpd"
}

# Video media segments in an output: ours are video_*/seg-N.m4s, Shaka's video/N.m4s.
count_video_segments() { find "$1" -path '*/video*/*' -name '*.m4s' | wc -l; }

# Sanity: a manifest, and video segments; sets SEGMENTS and OUT_BYTES (all files written).
# bench_input then compares the two tools' numbers.
check_output() {
  local tool=$1 out=$2
  [ -s "$out/manifest.mpd" ] || die "$tool wrote no manifest.mpd in $out"
  SEGMENTS=$(count_video_segments "$out")
  [ "$SEGMENTS" -gt 0 ] || die "$tool wrote no video segments in $out"
  OUT_BYTES=$(du -sb "$out" | cut -f1)
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 }
  END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
maximum() { tr ' ' '\n' | grep -v '^$' | sort -g | tail -n 1; }

# Results, keyed "input/mode/tool": space-separated per-run values.
declare -A WALLS RSSES
declare -A CP_WALL
RAW_LINES=()
LOAD_BEFORE=""

bench_input() {
  local name=$1 in bytes
  in=$(input_path "$name")
  bytes=$(stat -c %s "$in")
  # One full read first, so the input is in the page cache for every tool and for cp alike.
  log "$name: warm-up read of $in ($((bytes / 1000000)) MB)"
  cat "$in" >/dev/null

  local i out times=""
  for ((i = 1; i <= RUNS; i++)); do
    out=$(new_out)
    measure "cp" cp "$in" "$out/copy.mp4"
    drop_out "$out"
    times+="$WALL "
    RAW_LINES+=("| $name | cp | $i | cp | $WALL | $RSS_KB | $CPU | | $bytes |")
  done
  CP_WALL[$name]=$(median <<<"$times")

  local mode ours_segments ours_bytes
  for mode in ${MODES//,/ }; do
    for ((i = 1; i <= RUNS; i++)); do
      out=$(new_out)
      run_ours "$in" "$mode" "$out"
      check_output packager4j "$out"
      ours_segments=$SEGMENTS ours_bytes=$OUT_BYTES
      drop_out "$out"
      record "$name" "$mode" ours "$i"

      out=$(new_out)
      run_shaka "$in" "$mode" "$out"
      check_output shaka "$out"
      drop_out "$out"
      record "$name" "$mode" shaka "$i"

      # Same cut points (video segments ±1) and the same media (total bytes within 5 %):
      # otherwise the two tools did not do comparable work and the timing means nothing.
      if ((ours_segments - SEGMENTS > 1 || SEGMENTS - ours_segments > 1)); then
        die "$name $mode run $i: packager4j wrote $ours_segments video segments, Shaka $SEGMENTS"
      fi
      if ((ours_bytes * 100 < OUT_BYTES * 95 || OUT_BYTES * 100 < ours_bytes * 95)); then
        die "$name $mode run $i: packager4j wrote $ours_bytes bytes, Shaka $OUT_BYTES"
      fi
    done
  done
}

record() {
  local name=$1 mode=$2 tool=$3 i=$4
  WALLS[$name/$mode/$tool]+="$WALL "
  RSSES[$name/$mode/$tool]+="$RSS_KB "
  RAW_LINES+=("| $name | $mode | $i | $tool | $WALL | $RSS_KB | $CPU | $SEGMENTS | $OUT_BYTES |")
  log "$name $mode run $i/$RUNS $tool: ${WALL} s, $((RSS_KB / 1024)) MiB, ${CPU} s CPU," \
    "$SEGMENTS video segments, $OUT_BYTES bytes written"
}

# ---------------------------------------------------------------------------------------------
# 4. Report
# ---------------------------------------------------------------------------------------------

fmt() { awk -v x="$1" -v d="${2:-2}" 'BEGIN { printf "%.*f", d, x }'; }
div() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { printf "%.*f", d, a / b }'; }

machine() {
  local model cores ram
  model=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
  cores=$(nproc)
  ram=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "- CPU: $model, $cores cores (nproc); RAM: $ram; kernel $(uname -r)"
  echo "- Java: $(java -version 2>&1 | head -n 1); $(java -version 2>&1 | sed -n 3p)"
  echo "- packager4j: $JAR of $(date -u -r "$JAR" '+%Y-%m-%d %H:%M:%S UTC'), at commit" \
    "$(git rev-parse --short HEAD 2>/dev/null || echo '?') ($(git status --porcelain 2>/dev/null | wc -l) uncommitted paths in the tree)"
  echo "- Shaka Packager: $("$SHAKA" --version 2>&1 | head -n 1) (npm shaka-packager@$SHAKA_VERSION)"
  echo "- ffmpeg: $(ffmpeg -hide_banner -version | head -n 1 | cut -d' ' -f1-3)"
}

report() {
  local name mode in bytes mb o s ro rs
  echo "# Side-by-side: packager4j CLI vs Shaka Packager ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  if [ -n "$FAILURE" ]; then
    echo "**INCOMPLETE: a run failed; the rows below are the ones measured before it.**"
    echo
    echo '```'
    echo "$FAILURE"
    echo '```'
    echo
  fi
  echo "Median of $RUNS alternating runs (ours, Shaka, ours, ...) per row; warm page cache (input"
  echo "read once before the runs, never dropped); output to a fresh directory on the same"
  echo "filesystem, no fsync by any tool. MB = 10^6 bytes of input; RSS = highest peak RSS of the"
  echo "runs. Ours: \`java -Xmx$OURS_XMX -jar $JAR package -q\`; Shaka: live profile, static MPD."
  echo "${SEGMENT_SECONDS} s segments, clear lead 0, one key for audio and video."
  echo
  echo "| Input | Mode | ours (s) | Shaka (s) | ours (MB/s) | Shaka (MB/s) | ours/Shaka throughput | ours RSS (MiB) | Shaka RSS (MiB) | Shaka/ours RSS |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in ${INPUTS//,/ }; do
    in=$(input_path "$name")
    bytes=$(stat -c %s "$in")
    mb=$(div "$bytes" 1000000 0)
    for mode in ${MODES//,/ }; do
      # Rows not (fully) measured, after a failure, are left out.
      [ -n "${WALLS[$name/$mode/shaka]:-}" ] || continue
      o=$(median <<<"${WALLS[$name/$mode/ours]}")
      s=$(median <<<"${WALLS[$name/$mode/shaka]}")
      ro=$(maximum <<<"${RSSES[$name/$mode/ours]}")
      rs=$(maximum <<<"${RSSES[$name/$mode/shaka]}")
      echo "| $name ($mb MB) | $mode | $(fmt "$o") | $(fmt "$s") | $(div "$bytes" "$(awk -v t="$o" 'BEGIN { print t * 1e6 }')" 0) | $(div "$bytes" "$(awk -v t="$s" 'BEGIN { print t * 1e6 }')" 0) | $(div "$s" "$o")× | $(div "$ro" 1024 0) | $(div "$rs" 1024 0) | $(div "$rs" "$ro")× |"
    done
  done
  echo
  echo "I/O limit, \`cp\` of the input into the same work directory (median of $RUNS, warm cache):"
  echo
  for name in ${INPUTS//,/ }; do
    [ -n "${CP_WALL[$name]:-}" ] || continue
    in=$(input_path "$name")
    bytes=$(stat -c %s "$in")
    echo "- $name: $(fmt "${CP_WALL[$name]}") s = $(div "$bytes" "$(awk -v t="${CP_WALL[$name]}" 'BEGIN { print t * 1e6 }')" 0) MB/s"
  done
  echo
  echo "Machine:"
  echo
  machine
  echo "- Load average (1, 5, 15 min) before the runs: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Every run (wall clock and CPU = user + sys in s, both to GNU time's 10 ms; peak RSS in KiB;"
  echo "video segments and bytes written):"
  echo
  echo "| Input | Mode | Run | Tool | Wall (s) | Peak RSS (KiB) | CPU (s) | Video segments | Bytes written |"
  echo "|---|---|---:|---|---:|---:|---:|---:|---:|"
  [ ${#RAW_LINES[@]} -eq 0 ] || printf '%s\n' "${RAW_LINES[@]}"
}

# ---------------------------------------------------------------------------------------------

main() {
  local start=$SECONDS name
  [[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, not '$RUNS'"
  for name in ${INPUTS//,/ }; do
    [[ $name == 2min || $name == 20min ]] || die "INPUTS: unknown input '$name' (2min, 20min)"
  done
  for name in ${MODES//,/ }; do
    [[ $name == clear || $name == cenc || $name == cbcs ]] || die "MODES: unknown mode '$name'"
  done
  mkdir -p "$WORK"
  install_apt_tools
  install_shaka
  build_cli

  local prepared=$SECONDS
  for name in ${INPUTS//,/ }; do
    "make_$name"
  done
  prepared=$((SECONDS - prepared))
  for name in ${INPUTS//,/ }; do
    log "input $name: $(input_path "$name"), $(stat -c %s "$(input_path "$name")") bytes ($(du -h "$(input_path "$name")" | cut -f1))"
  done

  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  RESULTS=$WORK/results-$(date +%Y-%m-%d-%H%M%S).md
  for name in ${INPUTS//,/ }; do
    bench_input "$name"
  done
  rm -f "$WORK/time.txt" "$WORK/tool.log"

  report | tee "$RESULTS"
  echo
  echo "Written to $RESULTS; total time $((SECONDS - start)) s, of which ${prepared} s making" \
    "inputs (0 when cached)."
}

main "$@"
