#!/usr/bin/env bash
# The whole test suite: Rust unit, integration and end-to-end tests on SQLite and
# PostgreSQL, then the browser test in headless Chromium. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }

# 1. System packages for the browser test (Debian): Chromium and CJK fonts.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  say "installing chromium and fonts-noto-cjk"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
fi

# 2. PostgreSQL on 127.0.0.1:5432: every storage test runs on it as well as on SQLite.
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  say "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
export LANTIAN_TEST_PG="${LANTIAN_TEST_PG:-postgres://postgres@127.0.0.1:5432}"

# 3. Rust: every crate of the workspace (unit tests, one integration binary per crate,
#    end-to-end tests that run the real binary).
say "cargo test --workspace"
cargo test --workspace --no-fail-fast

# 4. Browser: headless Chromium driven by playwright-core against `lantian serve --demo`.
say "browser tests"
cargo build --quiet --bin lantian
( cd tests/browser && npm ci --no-audit --no-fund --loglevel=error && LANTIAN_BIN="$PWD/../../target/debug/lantian" npm test )

say "all tests passed"
