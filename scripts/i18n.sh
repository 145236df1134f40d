#!/usr/bin/env bash
# Regenerate i18n/hr_recruitment_invitation.pot from the code with Odoo's own exporter, then
# merge it into every i18n/*.po (existing translations kept, obsolete ones dropped).
#   bash scripts/i18n.sh            # export + merge
# New or changed entries are left empty (or fuzzy-cleared) in the .po files: translate them,
# then `bash scripts/test.sh` (tests/test_i18n.py fails on any entry left untranslated).
set -euo pipefail
source "$(dirname "$0")/common.sh"

check_odoo
ensure_postgres
ADDONS=$(addons_path)
DB="${MODULE}_i18n_$$"
LOG=$(mktemp)
cleanup() { dropdb --if-exists "$DB" >/dev/null 2>&1 || true; rm -f "$LOG"; }
trap cleanup EXIT

POT="$REPO_DIR/i18n/$MODULE.pot"
echo "== Install $MODULE into $DB (without demo data)"
"$ODOO_PY" -m odoo -d "$DB" --addons-path="$ADDONS" -i "$MODULE" --without-demo=all \
    --stop-after-init --no-http --log-level=warn >"$LOG" 2>&1 || { tail -40 "$LOG"; exit 1; }
echo "== Export $POT"
"$ODOO_PY" -m odoo -d "$DB" --addons-path="$ADDONS" --i18n-export="$POT" \
    --modules="$MODULE" --stop-after-init --no-http --log-level=warn >>"$LOG" 2>&1 \
    || { tail -40 "$LOG"; exit 1; }

echo "== Merge into i18n/*.po"
"$ODOO_PY" "$REPO_DIR/scripts/i18n_merge.py" "$POT" "$REPO_DIR"/i18n/*.po
