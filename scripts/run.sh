#!/usr/bin/env bash
# Start Odoo 18 with this addon and its demo data on http://localhost:8069 (admin / admin).
# The first run sets up what the machine lacks (scripts/setup_odoo.py) and creates the database,
# later runs upgrade the addon: re-running is safe.
set -euo pipefail
source "$(dirname "$0")/common.sh"

DB=${INVITATION_DB:-hr_invitation_demo}
PORT=${INVITATION_PORT:-8069}
check_odoo
ensure_postgres
ADDONS=$(addons_path)

if db_exists "$DB"; then
    echo "Upgrading $MODULE in database $DB..."
    "$ODOO_PY" -m odoo -d "$DB" --addons-path="$ADDONS" -u "$MODULE" --stop-after-init
else
    echo "Creating database $DB with $MODULE and demo data..."
    "$ODOO_PY" -m odoo -d "$DB" --addons-path="$ADDONS" -i "$MODULE" --stop-after-init
fi
echo "Serving Odoo on http://localhost:$PORT (login admin, password admin)"
exec "$ODOO_PY" -m odoo -d "$DB" --addons-path="$ADDONS" --http-port="$PORT" --db-filter="^${DB}\$"
