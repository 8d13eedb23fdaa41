#!/usr/bin/env bash
# Proves, in a real headless Chromium, that injected drops make fetch reject (TypeError) without
# a silent resend (each POST logged once), and that CORS lets a page on another origin read a
# 429's Retry-After. Needs chromium on PATH and a built binary:
#   cargo build -p openrouter-sandbox && crates/openrouter-sandbox/tests/browser/check.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${SANDBOX_BIN:-$here/../../../../target/debug/openrouter-sandbox}
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

# Not called through $(...): a subshell would lose the pid and leave the process running.
start() { # name, extra args...
    local name=$1; shift
    "$bin" --memory --control --addr 127.0.0.1:0 --management-key sk-or-v1-browser "$@" >"$tmp/$name.out" 2>/dev/null &
    pids+=($!)
    for _ in $(seq 100); do grep -q '^management key' "$tmp/$name.out" 2>/dev/null && break; sleep 0.05; done
}
start page --serve "$here"
start other
page=$(sed -n 's/^sandbox: //p' "$tmp/page.out")
other=$(sed -n 's/^sandbox: //p' "$tmp/other.out")
expected='drop: rejected TypeError | ctd: rejected TypeError | 429: 429 retry-after=3 ms=150'
status=0
for url in "$page/" "$page/?api=$other/api/v1"; do
    got=$(timeout 60 chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=10000 --dump-dom "$url" 2>/dev/null | sed 's/<[^>]*>//g' | tr -d '\n')
    echo "$url -> $got"
    if [[ $got != *"$expected"* || $got != *'{"method":"POST","path":"/api/v1/workspaces","status":null},{"method":"POST","path":"/api/v1/keys","status":null},{"method":"POST","path":"/api/v1/keys","status":429}]'* ]]; then
        echo "FAILED for $url" >&2
        status=1
    fi
done
exit $status
