#!/usr/bin/env bash
# Benchmark hr_recruitment_invitation at scale, against Odoo's own parts in the same run.
#
#   bench/run.sh [--quick] [--repeat N] [--output FILE] [--keep]
#
# Builds a database of its own (bdb_bench_<pid>: the addon, no demo data), seeds it, prints one
# Markdown table (figure, value, target, ratio vs Odoo core, pass/MISS) with the machine, and
# drops the database (unless --keep). Takes about 30 minutes on 2 cores; --quick is a smoke test
# (about 2 minutes).
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"

check_odoo
ensure_postgres
ADDONS=$(addons_path)
DB="bdb_bench_$$"
KEEP=0
args=()
for arg in "$@"; do
    case "$arg" in
        --keep) KEEP=1 ;;
        *) args+=("$arg") ;;
    esac
done
LOG=$(mktemp)
cleanup() {
    [ "$KEEP" = 1 ] && echo "database kept: $DB" >&2 || dropdb --if-exists "$DB"
    rm -f "$LOG"
}
trap cleanup EXIT

echo "== Installing $MODULE into $DB (no demo data)" >&2
if ! python3 -m odoo -d "$DB" --addons-path="$ADDONS" -i "$MODULE" --without-demo=all \
    --stop-after-init --no-http --log-level=warn >"$LOG" 2>&1; then
    tail -40 "$LOG" >&2
    exit 1
fi
echo "== Benchmark" >&2
python3 "$REPO_DIR/bench/invitation_bench.py" --database "$DB" --addons-path "$ADDONS" "${args[@]}"
