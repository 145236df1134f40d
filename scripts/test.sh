#!/usr/bin/env bash
# Run every check of this addon on real Odoo 18 + PostgreSQL (set up first when the machine
# lacks it, see scripts/setup_odoo.py):
#   1. linters (ruff, pylint-odoo mandatory checks, OCA odoo-pre-commit-hooks), and the fast
#      tests of the set-up itself (scripts/tests, plain pytest);
#   2. install into a fresh database with demo data: no warning or error may be logged;
#   3. install into a fresh database without demo data with --test-enable: every at_install
#      and post_install test of the addon, tours in headless Chromium included.
# Ends with "N passed, M failed, K skipped"; exits non-zero on any failure, error or skip.
set -uo pipefail
source "$(dirname "$0")/common.sh"

check_odoo test
missing=()
pip_tests="$ODOO_PY -m pip install -r $REPO_DIR/test-requirements.txt"
"$ODOO_PY" -c 'import websocket' 2>/dev/null \
    || missing+=("websocket-client (without it Odoo silently skips tours): $pip_tests")
for tool in ruff pylint oca-checks-odoo-module; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool: $pip_tests")
done
"$ODOO_PY" -c 'import hypothesis, freezegun, pytest' 2>/dev/null \
    || missing+=("hypothesis, freezegun, pytest: $pip_tests")
if [ ${#missing[@]} -gt 0 ]; then
    printf 'ERROR: missing %s\n' "${missing[@]}" >&2
    exit 2
fi
ensure_postgres
ADDONS=$(addons_path)
LOG_DIR=$(mktemp -d)
RUN_ID="$$_$(date +%s)"
TEST_DB="${MODULE}_test_${RUN_ID}"
DEMO_DB="${MODULE}_demo_${RUN_ID}"
PORT=$("$ODOO_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { dropdb --if-exists "$TEST_DB" >/dev/null 2>&1; dropdb --if-exists "$DEMO_DB" >/dev/null 2>&1; }
trap cleanup EXIT
status=0

echo "== Lint"
(cd "$REPO_DIR" && ruff check . && ruff format --check .) || status=1
# pylint-odoo reads the addon's code; scripts/ and bench/ are command-line tools around it.
(cd "$REPO_DIR" && pylint --rcfile=.pylintrc-mandatory --score=n \
    $(git ls-files '*.py' ':!:scripts/*' ':!:bench/*')) || status=1
oca-checks-odoo-module "$REPO_DIR/__manifest__.py" || status=1
po_files=$(find "$REPO_DIR/i18n" -name '*.po*' 2>/dev/null)
[ -z "$po_files" ] || oca-checks-po $po_files || status=1
[ $status -eq 0 ] && echo "lint: clean" || echo "lint: FAILED"

echo "== Set-up tests (scripts/tests)"
# From their own folder: pytest would otherwise collect the addon's package (the checkout).
(cd "$REPO_DIR/scripts/tests" && "$ODOO_PY" -m pytest -q -p no:odoo -p no:cacheprovider \
    -rfEs .) >"$LOG_DIR/setup.log" 2>&1
setup_rc=$?
setup_summary=$(tail -1 "$LOG_DIR/setup.log")
echo "$setup_summary"
setup_count() { echo "$setup_summary" | grep -oE "[0-9]+ $1" | grep -oE '^[0-9]+' || echo 0; }
setup_failed=$(($(setup_count failed) + $(setup_count 'errors?')))
setup_skipped=$(setup_count skipped)
if [ "$setup_rc" -ne 0 ] && [ "$setup_failed" -eq 0 ]; then setup_failed=1; fi
setup_total=$(($(setup_count passed) + setup_failed + setup_skipped))
if [ "$setup_failed" -ne 0 ] || [ "$setup_skipped" -ne 0 ]; then
    grep -E '^(FAILED|ERROR|SKIPPED)' "$LOG_DIR/setup.log" | head -20
    status=1
fi

# Warnings and errors logged while installing; the test run's own failures are counted apart.
bad_log_lines() {
    grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$1" \
        | grep -v 'odoo.addons.attachment_indexation' \
        | grep -v "odoo.modules.module: Missing \`license\` key" || true
}

echo "== Install with demo data ($DEMO_DB)"
"$ODOO_PY" -m odoo -d "$DEMO_DB" --addons-path="$ADDONS" -i "$MODULE" --stop-after-init \
    --http-port="$PORT" --log-level=info >"$LOG_DIR/demo.log" 2>&1
demo_rc=$?
bad=$(bad_log_lines "$LOG_DIR/demo.log")
if [ $demo_rc -ne 0 ] || [ -n "$bad" ]; then
    echo "install with demo data: FAILED (rc=$demo_rc)"; echo "$bad" | head -40
    [ -n "$bad" ] || tail -40 "$LOG_DIR/demo.log"
    status=1
else
    echo "install with demo data: clean"
fi

echo "== Uninstall from $DEMO_DB"
"$ODOO_PY" -m odoo shell -d "$DEMO_DB" --addons-path="$ADDONS" --no-http >"$LOG_DIR/uninstall.log" 2>&1 <<PY
module = env["ir.module.module"].search([("name", "=", "$MODULE")])
module.button_immediate_uninstall()
env.cr.commit()
print("UNINSTALLED:", module.state)
PY
bad=$(bad_log_lines "$LOG_DIR/uninstall.log")
if grep -q "UNINSTALLED: uninstalled" "$LOG_DIR/uninstall.log" && [ -z "$bad" ]; then
    echo "uninstall: clean"
else
    echo "uninstall: FAILED"; echo "$bad" | head -20; tail -20 "$LOG_DIR/uninstall.log"
    status=1
fi

echo "== Tests ($TEST_DB, without demo data, Chromium tours included)"
"$ODOO_PY" -m odoo -d "$TEST_DB" --addons-path="$ADDONS" -i "$MODULE" --without-demo=all \
    --test-enable --test-tags="/$MODULE" --stop-after-init --http-port="$PORT" \
    --log-level=test >"$LOG_DIR/test.log" 2>&1
test_rc=$?
grep -E ' (ERROR|CRITICAL) |FAIL:|ERROR:' "$LOG_DIR/test.log" | head -80
result=$(grep -E '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database' "$LOG_DIR/test.log" | tail -1)
if [ -z "$result" ]; then
    echo "No test result line from Odoo (rc=$test_rc):"; tail -60 "$LOG_DIR/test.log"
    echo "$((setup_total - setup_failed - setup_skipped)) passed, $((setup_failed + 1)) failed, $setup_skipped skipped"
    exit 1
fi
read -r failed errors total < <(echo "$result" | sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/')
skipped=$(grep -cE "odoo\.addons\.$MODULE\.[a-z_.]+: skipped " "$LOG_DIR/test.log")
grep -E "odoo\.addons\.$MODULE\.[a-z_.]+: skipped " "$LOG_DIR/test.log" | head -20
bad=$(bad_log_lines "$LOG_DIR/test.log" | grep -vE 'odoo\.addons\.[a-z_]+\.tests\.|FAIL:|ERROR:|odoo\.tests\.|Traceback' || true)
if [ -n "$bad" ]; then
    echo "Unexpected warnings or errors logged during the test run:"; echo "$bad" | head -40
    status=1
fi
failed_total=$((failed + errors + setup_failed))
skipped=$((skipped + setup_skipped))
passed=$((total + setup_total - failed_total - skipped))
echo "Odoo: $result; set-up: $setup_total tests"
echo "Logs: $LOG_DIR"
[ "$failed_total" -eq 0 ] && [ "$skipped" -eq 0 ] && [ "$test_rc" -eq 0 ] || status=1
echo "$passed passed, $failed_total failed, $skipped skipped"
exit $status
