#!/usr/bin/env bash
# The main job: builds packager4j and starts the video platform on http://localhost:8080
# (H2 database and media under ./data; PORT or --port to change the port, --help for every option).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
exec java -jar examples/platform/target/packager4j-platform.jar "$@"
