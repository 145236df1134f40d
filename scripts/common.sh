# Shared helpers of scripts/run.sh and scripts/test.sh (sourced, not run).
# Odoo 18.0 runs on $ODOO_PYTHON, else on python3 when it has Odoo 18.0, else on the project's
# own environment that scripts/setup_odoo.py sets up the first time (see README.md).

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE=hr_recruitment_invitation

die() { echo "ERROR: $*" >&2; exit 2; }

# Sets ODOO_PY (the Python that runs Odoo) and ODOO_ROOT (Odoo's source), and puts ODOO_PY's
# console scripts (ruff, pylint...) first on PATH. $1: run, or test (also the test tools).
check_odoo() {
    local boot=${ODOO_PYTHON:-python3} found
    command -v "$boot" >/dev/null 2>&1 \
        || die "$boot not found: install Python 3.10 or later (apt-get install python3 python3-venv)."
    found=$("$boot" "$REPO_DIR/scripts/setup_odoo.py" "${1:-run}") || exit 2
    { read -r ODOO_PY; read -r ODOO_BIN; read -r ODOO_ROOT; } <<<"$found"
    export PATH="$ODOO_BIN:$PATH"
    "$ODOO_PY" -c 'import phonenumbers, babel' 2>/dev/null \
        || die "phonenumbers and babel are missing: $ODOO_PY -m pip install -r $REPO_DIR/requirements.txt"
}

# Odoo finds an addon by its folder name: expose this checkout as hr_recruitment_invitation,
# whatever the clone's folder is called.
addons_path() {
    local link_dir
    link_dir="${TMPDIR:-/tmp}/${MODULE}-addons-$(printf '%s' "$REPO_DIR" | md5sum | cut -c1-8)"
    mkdir -p "$link_dir"
    ln -sfn "$REPO_DIR" "$link_dir/$MODULE"
    local paths="$link_dir"
    [ -d "$ODOO_ROOT/addons" ] && paths="$paths,$ODOO_ROOT/addons"
    [ -d "$ODOO_ROOT/odoo/addons" ] && paths="$paths,$ODOO_ROOT/odoo/addons"
    echo "$paths"
}

ensure_postgres() {
    if ! command -v psql >/dev/null 2>&1; then
        die "PostgreSQL is missing: apt-get install postgresql (Debian) and start it."
    fi
    if ! pg_isready -q 2>/dev/null; then
        if command -v pg_ctlcluster >/dev/null 2>&1; then
            local version
            version=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1}')
            [ -n "$version" ] && pg_ctlcluster "$version" main start
        fi
        for _ in $(seq 1 20); do pg_isready -q && break; sleep 0.5; done
        pg_isready -q || die "PostgreSQL is not running and could not be started."
    fi
    # Odoo refuses the postgres role: make sure the current user has a role of its own.
    if ! psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ]; then
            su postgres -c "createuser -s $(id -un)" >/dev/null 2>&1 || true
        fi
        psql -d postgres -tAc 'select 1' >/dev/null 2>&1 \
            || die "No PostgreSQL role for $(id -un): sudo -u postgres createuser -s $(id -un)"
    fi
}

db_exists() {
    psql -d postgres -tAc "select 1 from pg_database where datname = '$1'" | grep -q 1
}
