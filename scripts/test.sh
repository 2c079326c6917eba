#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian/Ubuntu machine with JDK 17+ and Maven.
# It installs what the tests need first: ffmpeg (independent checker), Chromium (real players),
# xmllint (schema validation), PostgreSQL's server (the platform's scale-out tests start a
# throwaway cluster of it), Node.js packages (Shaka Player, dash.js, playwright-core). The S3
# server the platform's S3 tests start (S3Mock's executable jar) comes from Maven Central with the build.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v ffmpeg   >/dev/null 2>&1 || missing+=(ffmpeg)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v xmllint  >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v node     >/dev/null 2>&1 || missing+=(nodejs)
command -v npm      >/dev/null 2>&1 || missing+=(npm)
# Debian keeps the server's programs off the PATH, under /usr/lib/postgresql/<version>/bin.
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing test tools: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

(cd player-tests && npm ci --no-audit --no-fund --loglevel=error)

mvn -B -ntp verify "$@"

# The fuzz tests ran above in regression mode (their seeds and past findings); now each is fuzzed
# briefly, one at a time (FUZZING.md). PACKAGER4J_CI_FUZZ sets the time per target, 0 skips it.
ci_fuzz="${PACKAGER4J_CI_FUZZ:-30s}"
if [ "$ci_fuzz" != 0 ]; then
  ./scripts/fuzz.sh "$ci_fuzz"
fi
