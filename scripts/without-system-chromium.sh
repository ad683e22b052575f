#!/bin/bash
# Runs a command as on a fresh machine without Debian's Chromium, so CI proves the e2e tests fall back to
# the npm registry's Chromium: /usr/bin/chromium is hidden by an overlay whiteout inside a private mount
# namespace (needs root, as CI has; nothing outside the command is changed).
# Example: scripts/without-system-chromium.sh npx vitest run tests/e2e/board.test.ts
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
ov=$(mktemp -d); trap 'rm -rf "$ov"' EXIT
mkdir -p "$ov/upper" "$ov/work"; mknod "$ov/upper/chromium" c 0 0
unshare -m bash -c 'mount -t overlay overlay -o "lowerdir=/usr/bin,upperdir=$0/upper,workdir=$0/work" /usr/bin && exec env -u CHROMIUM_PATH "$@"' "$ov" "$@"
