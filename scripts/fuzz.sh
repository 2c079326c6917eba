#!/usr/bin/env bash
# Fuzzes every Jazzer target, one after the other (see FUZZING.md).
#
#   scripts/fuzz.sh [duration-per-target] [target-name...]
#
# duration: Jazzer's syntax (30s, 10m, 1h); default 10m. Target names as in TARGETS below (default:
# all). Each target runs in its own JVM with a 1 GiB heap (an input that needs more is a finding)
# and a 30 s limit per input (the target's @Timeout, which Jazzer passes to libFuzzer as -timeout;
# timeout.mode=disabled stops JUnit from applying it to the whole fuzzing run), from its committed
# seeds plus the files of ../shared/testdata (copied at run time into the generated corpus, never
# into the repository).
# A finding stops that target: the input is written next to its seeds (src/test/resources/...),
# where `mvn test` replays it from then on, and the script carries on with the next target and
# exits non-zero at the end. Do not rebuild the modules while it runs: a fuzzing JVM that loads a
# class recompiled under it fails with NoClassDefFoundError. Logs: target/fuzz/<target>.log (FUZZ_LOG_DIR to change).
set -uo pipefail
cd "$(dirname "$0")/.."

duration="${1:-10m}"
shift || true

# name module class#method seed-set
TARGETS=(
  "mp4-reader      core   io.packager4j.core.mp4.Mp4ReaderFuzzTest#openFile                  files"
  "codec-config    core   io.packager4j.core.codec.CodecConfigFuzzTest#decoderConfig         none"
  "subsample-map   crypto io.packager4j.crypto.subsample.SubsampleMapperFuzzTest#mapSamples  none"
  "decryptor       crypto io.packager4j.crypto.decrypt.TrackDecryptorFuzzTest#decryptFile     encrypted"
  "packager        dash   io.packager4j.PackagerFuzzTest#packageFile                          files"
  "media-probe     dash   io.packager4j.PackagerFuzzTest#probeFile                            files"
)

shared="${PACKAGER4J_SHARED_DIR:-$(pwd)/../shared}/testdata"
logs="${FUZZ_LOG_DIR:-target/fuzz}"
mkdir -p "$logs"
summary="$logs/summary.txt"
: > "$summary"
failed=0

seed_shared_files() { # corpus-dir set
  local dir="$1" set="$2" f
  [ "$set" = none ] && return
  [ -d "$shared" ] || { echo "  ($shared is absent: committed seeds only)"; return; }
  mkdir -p "$dir"
  for f in "$shared"/*/*.mp4; do
    # Files above 200 KB would make libFuzzer's inputs (and every execution) needlessly large.
    [ "$(stat -c %s "$f")" -le 204800 ] || continue
    case "$set" in
      encrypted) grep -q -a -e encv -e enca "$f" || continue ;;
    esac
    cp "$f" "$dir/shared-$(basename "$f")"
  done
}

for line in "${TARGETS[@]}"; do
  read -r name module test seeds <<< "$line"
  if [ $# -gt 0 ] && [[ ! " $* " == *" $name "* ]]; then
    continue
  fi
  class="${test%#*}"
  method="${test#*#}"
  seed_shared_files "$module/.cifuzz-corpus/$class/$method" "$seeds"
  log="$logs/$name.log"
  echo "== $name ($test) for $duration; log $log"
  start=$(date +%s)
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" JAZZER_INSTRUMENT='io.packager4j.**,org.mp4parser.**' \
    mvn -B -ntp -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
        -DargLine="-Xmx1g -Xss1m -XX:-OmitStackTraceInFastThrow -Djunit.jupiter.execution.timeout.mode=disabled" > "$log" 2>&1
  rc=$?
  runs=$(grep -a -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1)
  cov=$(grep -a -E '^#[0-9]+' "$log" | tail -1 | grep -o 'cov: [0-9]* ft: [0-9]*')
  result=$([ $rc -eq 0 ] && echo ok || echo "FAILED (finding or error, see $log)")
  echo "$name: $result; ${runs:-no libFuzzer summary}; ${cov:-}; $(( $(date +%s) - start )) s wall" | tee -a "$summary"
  [ $rc -eq 0 ] || failed=1
done
exit $failed
