#!/usr/bin/env bash
# The API contract, black-box (issue 23, point 12): Schemathesis (from PyPI, in a venv made
# here) against a freshly started city with a token holding every scope, all phases
# (examples, coverage, fuzzing, stateful), bounded in time. Any server error, answer that
# does not match its schema, undocumented status code or content type, or a method the
# API does not take answered with anything but 405 fails the run (exit status non-zero).
#
#   .ci/schemathesis.sh                        # target/debug/citysync
#   CITYSYNC_BIN=target/release/citysync SCHEMATHESIS_MAX_TIME=600 .ci/schemathesis.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

BIN="${CITYSYNC_BIN:-$root/target/debug/citysync}"
VENV="${SCHEMATHESIS_VENV:-$root/target/schemathesis-venv}"
VERSION="4.32.5"
# Seconds for Schemathesis itself; with start-up and seeding the step stays under 5 min.
MAX_TIME="${SCHEMATHESIS_MAX_TIME:-150}"
SCOPES="read read:wallet write:claims write:proofs write:catalog verify redeem vote write:proposals admin"

if [ ! -x "$BIN" ]; then
  echo "no City/Sync binary at $BIN: run \`cargo test --workspace --no-run\` (or set CITYSYNC_BIN)" >&2
  exit 1
fi
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q " $VERSION\$"; then
  # Debian splits venv's pip bootstrap into python3-venv.
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
  fi
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION"
fi
"$VENV/bin/schemathesis" --version

work=$(mktemp -d "${TMPDIR:-/tmp}/citysync-schemathesis.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# Only this city's settings: nothing from the caller's environment leaks in. The API quota
# is raised so that the fuzzer's thousands of calls measure the contract, not the throttle.
# The seed's staff (verifier, cashier, administrator) act through tokens without a second
# factor, as in the kits: the staff requirement is off for this test city.
env -u RUST_LOG -u DATABASE_URL -u CITYSYNC_CONFIG \
  CITYSYNC_DATA_DIR="$work/data" \
  CITYSYNC_ACCOUNTS__STAFF_SECOND_FACTOR=false \
  CITYSYNC_SERVER__BIND="127.0.0.1:$port" \
  CITYSYNC_SERVER__PUBLIC_URL="$base" \
  CITYSYNC_SERVER__WORKERS=2 \
  CITYSYNC_API__REQUESTS_PER_WINDOW=10000000 \
  "$BIN" serve >"$work/server.log" 2>&1 &
server=$!

setup_url=""
for _ in $(seq 1 600); do
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$work/server.log" >&2
    echo "citysync exited before it was ready" >&2
    exit 1
  fi
  setup_url=$(grep -o "http://[^ \"']*/setup?token=[A-Za-z0-9_-]*" "$work/server.log" | head -n 1 || true)
  if [ -n "$setup_url" ] && curl -fsS "$base/healthz" >/dev/null 2>&1; then
    break
  fi
  sleep 0.1
done
if [ -z "$setup_url" ]; then
  cat "$work/server.log" >&2
  echo "citysync did not become ready within 60 s" >&2
  exit 1
fi

"$VENV/bin/python" .ci/schemathesis_seed.py setup "$base" "$setup_url"
token=$("$BIN" --data-dir "$work/data" admin create-token --username clerk --scopes "$SCOPES" \
  --label schemathesis | tail -n 1)
"$VENV/bin/python" .ci/schemathesis_seed.py api "$base" "$token"

# From the work folder, so Schemathesis's example database and reports stay out of the tree.
status=0
(
  cd "$work"
  "$VENV/bin/schemathesis" run "$base/api/v1/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance,unsupported_method \
    --phases examples,coverage,fuzzing,stateful \
    --max-examples 25 \
    --max-time "$MAX_TIME" \
    --request-timeout 20 \
    --workers 2 \
    --generation-database none \
    --no-color
) || status=$?

if [ "$status" -ne 0 ]; then
  echo "Schemathesis found contract failures (exit $status); the server's log follows" >&2
  tail -n 100 "$work/server.log" >&2
fi
exit "$status"
