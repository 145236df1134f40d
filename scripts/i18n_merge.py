"""Merge the addon's .pot into its .po files, in the layout oca-checks-po asks for.

    python3 scripts/i18n_merge.py i18n/hr_recruitment_invitation.pot i18n/*.po

Keeps every translation whose msgid (and msgctxt) is unchanged, drops obsolete entries and adds
new msgids untranslated. No fuzzy matching: a guessed translation of a changed sentence is worse
than an empty one, which tests/test_i18n.py reports. Entries are sorted by msgid, wrapped at 78
columns, and a msgstr equal to its msgid is left empty (OCA's po-pretty-format): Odoo then shows
the source, which is what such a translation would show anyway.
"""

import sys

import polib


def merge(pot, po):
    known = {(e.msgctxt, e.msgid): e.msgstr for e in po if e.msgstr and not e.obsolete}
    merged = polib.POFile(wrapwidth=78)
    merged.metadata = po.metadata
    merged.header = po.header
    for entry in sorted(pot, key=lambda e: e.msgid):
        msgstr = known.get((entry.msgctxt, entry.msgid), "")
        merged.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgctxt=entry.msgctxt,
                msgstr="" if msgstr == entry.msgid else msgstr,
                occurrences=entry.occurrences,
                comment=entry.comment,
                tcomment=entry.tcomment,
                flags=[flag for flag in entry.flags if flag != "fuzzy"],
            )
        )
    return merged


def main(pot_path, po_paths):
    pot = polib.pofile(pot_path, wrapwidth=78)
    for path in po_paths:
        merged = merge(pot, polib.pofile(path, wrapwidth=78))
        with open(path, "w", encoding="utf-8") as po_file:
            po_file.write(str(merged))
        todo = sum(1 for entry in merged if not entry.msgstr)
        print(f"{path}: {len(merged)} entries, {todo} empty (untranslated or same as the source)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
