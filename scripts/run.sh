#!/usr/bin/env bash
# The main job: builds packager4j and packages the bundled sample clip into out/sample/manifest.mpd.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
java -jar examples/cli/target/packager4j-cli.jar package \
  --input examples/samples/sample.mp4 --output out/sample --overwrite "$@"
