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
python3 -m odoo -d "$DB" --addons-path="$ADDONS" -i "$MODULE" --without-demo=all \
    --stop-after-init --no-http --log-level=warn >"$LOG" 2>&1 || { tail -40 "$LOG"; exit 1; }
echo "== Export $POT"
python3 -m odoo -d "$DB" --addons-path="$ADDONS" --i18n-export="$POT" \
    --modules="$MODULE" --stop-after-init --no-http --log-level=warn >>"$LOG" 2>&1 \
    || { tail -40 "$LOG"; exit 1; }

echo "== Merge into i18n/*.po"
python3 - "$POT" "$REPO_DIR"/i18n/*.po <<'PY'
"""Merge the template into each catalog with polib (shipped with Odoo): keep translations whose
msgid is unchanged, drop obsolete ones, add new msgids untranslated. No fuzzy matching: a
guessed translation of a changed sentence is worse than an empty one, which the test reports."""
import sys

import polib

pot = polib.pofile(sys.argv[1], wrapwidth=78)
for path in sys.argv[2:]:
    po = polib.pofile(path, wrapwidth=78)
    known = {(e.msgctxt, e.msgid): e.msgstr for e in po if e.msgstr and not e.obsolete}
    merged = polib.POFile(wrapwidth=78)
    merged.metadata = po.metadata
    merged.header = po.header
    missing = 0
    for entry in pot:
        new = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgstr=known.get((entry.msgctxt, entry.msgid), ""),
            occurrences=entry.occurrences,
            comment=entry.comment,
            tcomment=entry.tcomment,
            flags=[f for f in entry.flags if f != "fuzzy"],
        )
        missing += not new.msgstr
        merged.append(new)
    merged.save(path)
    print(f"{path}: {len(merged)} entries, {missing} to translate")
PY
