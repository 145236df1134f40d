#!/usr/bin/env python3
"""Find, or set up once, the Python that runs Odoo 18.0 for scripts/run.sh and scripts/test.sh.

    python3 scripts/setup_odoo.py run|test

Prints three lines on stdout: the interpreter, the folder of its console scripts (ruff,
pylint...) and the Odoo source folder. Progress and errors go to stderr.

The interpreter is, in this order: $ODOO_PYTHON; the python3 running this file when it already
has Odoo 18.0; else the project's own environment in $INVITATION_ENV_DIR (by default
~/.cache/hr_recruitment_invitation), made here the first time:

1. Debian packages that are missing (PostgreSQL; to build Odoo's requirements: a C compiler,
   libpq-dev, libldap2-dev, libsasl2-dev; Chromium for the tests), with apt-get as root;
   without root, the exact apt-get command and nothing done;
2. a virtualenv made by this python3 (3.10 or later);
3. Odoo's 18.0 source from $ODOO_SOURCE (a folder, a .tar.gz or a URL of one; by default
   the odoo/odoo repository's 18.0 branch), checked to be 18.0;
4. the source put on the virtualenv's path;
5. Odoo's requirements.txt with the pins meant for Python 3.12 (see odoo_requirements());
6. the addon's requirements.txt, then for the tests its test-requirements.txt.

Each step prints one line, what it does and how long it took, and leaves a stamp once done:
running again skips what is done and resumes at the step that failed. The environment does
not live in the checkout, which is the addon's own folder: Odoo's translation exporter and
tests/test_i18n.py read every .py file under it.
"""

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
import urllib.request
from pathlib import Path

SERIES = "18.0"
DEFAULT_SOURCE = "https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz"
REPO_DIR = Path(__file__).resolve().parent.parent
BUILD_PACKAGES = ("libpq-dev", "libldap2-dev", "libsasl2-dev")
CHROMIUM_NAMES = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")
REQUIREMENT_STEPS = ("odoo-requirements", "addon-requirements", "test-requirements")
REQUIREMENT_FILES = {
    "addon-requirements": "requirements.txt",
    "test-requirements": "test-requirements.txt",
}
SET_ODOO_SOURCE = (
    "Set ODOO_SOURCE to a folder holding Odoo 18.0's source, a .tar.gz of one or its URL, "
    "then run again."
)

VERSION_PATTERN = r"^version_info\s*=\s*\(\s*([^,]+?)\s*,\s*(\d+)"
# Run by the interpreter being probed: where its odoo package is and which version it says,
# read from odoo/release.py without importing Odoo (which takes a second).
PROBE = (
    f"VERSION_PATTERN = {VERSION_PATTERN!r}\n"
    + """
import importlib.util, os, re, sys, sysconfig
spec = importlib.util.find_spec("odoo")
folders = [
    path for path in ((spec and spec.submodule_search_locations) or [])
    if os.path.isfile(os.path.join(path, "release.py"))
]
series = ""
if folders:
    with open(os.path.join(folders[0], "release.py"), encoding="utf-8") as release:
        match = re.search(VERSION_PATTERN, release.read(), re.MULTILINE)
    series = f"{match[1]}.{match[2]}" if match else ""
print(sys.executable, sysconfig.get_path("scripts"), os.path.dirname(folders[0]) if folders else "",
      series, sep="\\n")
"""
)


class SetupError(Exception):
    """A step could not be done; the message says why and what to do."""


def log(message, end="\n"):
    print(message, end=end, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Decisions


def series_of(root):
    """'18.0' as Odoo's source under root says in odoo/release.py, '' when it says nothing."""
    release = Path(root, "odoo", "release.py")
    if not release.is_file():
        return ""
    match = re.search(VERSION_PATTERN, release.read_text("utf-8"), re.MULTILINE)
    return f"{match[1]}.{match[2]}" if match else ""


def check_series(root, label):
    series = series_of(root)
    if not series:
        raise SetupError(f"{label} holds no odoo/release.py: it is not an Odoo source tree.")
    if series != SERIES:
        raise SetupError(
            f"{label} holds Odoo {series} (odoo/release.py), this addon needs Odoo {SERIES}. "
            + SET_ODOO_SOURCE
        )


def is_url(source):
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source) is not None


def normalized_source(source):
    return source if is_url(source) else str(Path(source).expanduser().resolve())


def source_kind(source):
    """'url', 'folder' or 'archive'; refuses anything else."""
    if is_url(source):
        return "url"
    path = Path(source)
    if path.is_dir():
        return "folder"
    if path.is_file() and tarfile.is_tarfile(path):
        return "archive"
    if path.exists():
        raise SetupError(f"ODOO_SOURCE={source} is neither a folder nor a .tar.gz archive.")
    raise SetupError(f"ODOO_SOURCE={source} does not exist. " + SET_ODOO_SOURCE)


def odoo_requirements(text, python_version):
    """Odoo's requirements.txt with every marker evaluated for max(python_version, 3.12).

    Odoo pins, for each Python, the versions Debian or Ubuntu ship for it. Some pins meant for
    Python < 3.12 (Debian 12, Ubuntu 22.04) have no wheel for those Pythons and no longer build
    with today's setuptools (cbor2 5.4.2 on 3.11 needs pkg_resources). The pins for 3.12
    (Ubuntu 24.04) install on 3.10 and 3.11 too; psycopg2 and python-ldap, which have no
    wheels, build against Debian's -dev packages. On 3.12 and later this is the file as is.
    """
    try:
        from packaging.markers import Marker
    except ImportError:  # a fresh virtualenv: pip carries its own copy
        from pip._vendor.packaging.markers import Marker

    target = tuple(python_version[:3]) if tuple(python_version[:2]) >= (3, 12) else (3, 12, 0)
    environment = {
        "python_version": "%d.%d" % target[:2],
        "python_full_version": "%d.%d.%d" % target,
    }
    kept = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, _sep, marker = line.partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate(environment):
            continue
        kept.append(requirement.strip())
    return "\n".join(kept) + "\n"


def probe(python, environ=None):
    """(interpreter, scripts folder, Odoo source folder, Odoo series) of a Python, or None."""
    try:
        done = subprocess.run(
            [python, "-c", PROBE],
            capture_output=True,
            text=True,
            timeout=60,
            env=environ,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.splitlines()
    return tuple(lines) if done.returncode == 0 and len(lines) == 4 else None


def has_odoo(info):
    return bool(info) and info[3] == SERIES


def chromium_found():
    return any(shutil.which(name) for name in CHROMIUM_NAMES)


def postgres_found():
    if shutil.which("pg_ctlcluster"):
        return True
    if not shutil.which("pg_isready"):
        return False
    return subprocess.run(["pg_isready", "-q"], check=False).returncode == 0


def debian_packages_missing(names):
    """The names among `names` that dpkg does not list as installed ([] without dpkg)."""
    if not names or not shutil.which("dpkg-query"):
        return []
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${db:Status-Abbrev}\n", *names],
        capture_output=True,
        text=True,
        check=False,
    )
    installed = {
        line.split()[0] for line in done.stdout.splitlines() if line.split()[1:2] == ["ii"]
    }
    return [name for name in names if name not in installed]


def missing_system_packages(mode, building):
    """Debian packages to install before going on."""
    missing = [] if postgres_found() else ["postgresql"]
    if building:
        if importlib.util.find_spec("ensurepip") is None:
            missing.append("python3-venv")
        if not Path(sysconfig.get_config_var("INCLUDEPY") or "", "Python.h").is_file():
            missing.append("python3-dev")
        if not shutil.which("gcc"):
            missing.append("build-essential")
        missing += debian_packages_missing(BUILD_PACKAGES)
    if mode == "test" and not chromium_found():
        missing.append("chromium")
    return missing


# ---------------------------------------------------------------------------------------------
# Steps


def step(name, what, action):
    """Run one step on one line: what it does, then how long it took or that it failed."""
    log(f"setup: {what} ...", end="")
    start = time.monotonic()
    try:
        result = action()
    except SetupError as err:
        log(" FAILED")
        raise SetupError(f"step '{name}' ({what}) failed: {err}") from None
    except Exception as err:  # an unexpected error still names its step
        log(" FAILED")
        raise SetupError(f"step '{name}' ({what}) failed: {err!r}") from err
    log(f" {time.monotonic() - start:.1f} s")
    return result


def run_logged(command, log_path, environ=None):
    """Run a command with its output in log_path; on failure, its last lines are the cause."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as output:
        returncode = subprocess.run(
            command, stdout=output, stderr=subprocess.STDOUT, env=environ, check=False
        ).returncode
    if returncode:
        lines = [line for line in log_path.read_text(errors="replace").splitlines() if line]
        tail = "\n    ".join(lines[-12:])
        raise SetupError(
            f"`{' '.join(map(str, command))}` exited with {returncode}:\n    {tail}\n"
            f"  full log: {log_path}"
        )


def sha256(*parts):
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else str(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


class Environment:
    """The project's own Python with Odoo 18.0, under `home`."""

    def __init__(self, home, environ):
        self.home = Path(home)
        self.environ = environ
        self.venv = self.home / "venv"
        self.python = self.venv / "bin" / "python"
        self.stamps = self.venv / "setup-stamps"
        self.source_record = self.home / "odoo" / "source.json"
        self.constraints = self.home / "odoo-requirements.txt"
        self.logs = self.home / "logs"

    # stamps ------------------------------------------------------------------------------
    def stamped(self, name, key):
        stamp = self.stamps / name
        return stamp.is_file() and stamp.read_text() == key

    def stamp(self, name, key):
        self.stamps.mkdir(parents=True, exist_ok=True)
        (self.stamps / name).write_text(key)

    # keys: what a step's result depends on -----------------------------------------------
    def venv_key(self):
        return f"{sys.base_prefix} {sys.version.split()[0]}"

    def wanted_source(self):
        source = self.environ.get("ODOO_SOURCE")
        return normalized_source(source) if source else None

    def recorded_root(self):
        """The Odoo source of an earlier run, if ODOO_SOURCE does not ask for another one."""
        try:
            record = json.loads(self.source_record.read_text())
        except (OSError, ValueError):
            return None
        wanted = self.wanted_source()
        if wanted and wanted != record.get("source"):
            return None
        root = Path(record.get("root", ""))
        return root if series_of(root) == SERIES else None

    def requirement_keys(self, root, mode):
        """The pip steps for `mode` and what each depends on (None: not known yet)."""
        names = REQUIREMENT_STEPS[: 3 if mode == "test" else 2]
        if root is None:
            return dict.fromkeys(names)
        odoo_file = Path(root, "requirements.txt")
        odoo_text = odoo_file.read_bytes() if odoo_file.is_file() else b""
        keys = {"odoo-requirements": sha256(odoo_text, self.venv_key())}
        for name, file_name in REQUIREMENT_FILES.items():
            keys[name] = sha256((REPO_DIR / file_name).read_bytes())
        return {name: keys[name] for name in names}

    def pending(self, mode):
        """The names of the steps still to do, in order."""
        venv_done = self.stamped("venv", self.venv_key()) and self.python.exists()
        root = self.recorded_root()
        names = [] if venv_done else ["venv"]
        if root is None:
            names.append("odoo-source")
        if not venv_done or root is None or not self.stamped("odoo-path", str(root)):
            names.append("odoo-path")
        keys = self.requirement_keys(root if venv_done else None, mode)
        names += [name for name, key in keys.items() if not key or not self.stamped(name, key)]
        return names

    # the steps ---------------------------------------------------------------------------
    def make_venv(self):
        shutil.rmtree(self.venv, ignore_errors=True)
        run_logged([sys.executable, "-m", "venv", str(self.venv)], self.logs / "venv.log")
        self.stamp("venv", self.venv_key())

    def fetch_source(self):
        """Odoo's source from ODOO_SOURCE (or the default URL), checked, recorded; its root."""
        source = self.wanted_source() or DEFAULT_SOURCE
        kind = source_kind(source)
        if kind == "folder":
            check_series(source, f"ODOO_SOURCE={source}")
            root = Path(source)
        else:
            archive = Path(source)
            if kind == "url":
                archive = self.home / "odoo" / "download.tar.gz"
                download(source, archive)
            root = self.extract(archive, source)
            if kind == "url":
                archive.unlink()
        self.source_record.parent.mkdir(parents=True, exist_ok=True)
        self.source_record.write_text(json.dumps({"source": source, "root": str(root)}))
        return root

    def extract(self, archive, label):
        if not tarfile.is_tarfile(archive):
            raise SetupError(f"{label} is not a tar archive. " + SET_ODOO_SOURCE)
        odoo_dir = self.home / "odoo"
        scratch = odoo_dir / f"extract-{os.getpid()}"
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        try:
            if shutil.which("tar"):
                run_logged(["tar", "-xf", str(archive), "-C", str(scratch)], self.logs / "tar.log")
            else:
                with tarfile.open(archive) as tar:
                    tar.extractall(scratch)
            tops = [scratch] + sorted(path for path in scratch.iterdir() if path.is_dir())
            root = next((top for top in tops if Path(top, "odoo", "release.py").is_file()), None)
            check_series(root or scratch, label)
            final = odoo_dir / "source"
            shutil.rmtree(final, ignore_errors=True)
            root.rename(final)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return final

    def link_source(self, root):
        site = subprocess.run(
            [str(self.python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        Path(site, "odoo-source.pth").write_text(f"{root}\n")
        self.stamp("odoo-path", str(root))

    def pip(self, name, *args):
        run_logged(
            [str(self.python), "-m", "pip", "install", "--disable-pip-version-check", *args],
            self.logs / f"{name}.log",
        )

    def install_odoo_requirements(self, root, keys):
        requirements = Path(root, "requirements.txt")
        done = subprocess.run(
            [str(self.python), __file__, "--odoo-requirements", str(requirements)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise SetupError(f"could not read {requirements}: {done.stderr.strip()}")
        self.constraints.write_text(done.stdout)
        self.pip("odoo-requirements", "-r", str(self.constraints))
        self.stamp("odoo-requirements", keys["odoo-requirements"])

    def install(self, name, file_name, key):
        self.pip(name, "-r", str(REPO_DIR / file_name), "-c", str(self.constraints))
        self.stamp(name, key)

    def set_up(self, mode, pending):
        """Do the pending steps, one line each."""
        if "venv" in pending:
            what = f"create a Python {sys.version.split()[0]} virtualenv in {self.venv}"
            step("venv", what, self.make_venv)
        if "odoo-source" in pending:
            source = self.wanted_source() or DEFAULT_SOURCE
            verb = {"folder": "use", "archive": "extract", "url": "download and extract"}
            what = f"Odoo 18.0 source: {verb[source_kind(source)]} {source}"
            root = step("odoo-source", what, self.fetch_source)
        else:
            root = self.recorded_root()
        if "odoo-path" in pending:
            what = f"put {root} on the virtualenv's path"
            step("odoo-path", what, lambda: self.link_source(root))
        keys = self.requirement_keys(root, mode)
        if "odoo-requirements" in pending:
            what = "install Odoo's Python requirements (pip, the pins for Python 3.12)"
            step("odoo-requirements", what, lambda: self.install_odoo_requirements(root, keys))
        for name, file_name in REQUIREMENT_FILES.items():
            if name in pending and name in keys:
                what = f"install the addon's {file_name} (pip)"
                step(name, what, lambda n=name, f=file_name: self.install(n, f, keys[n]))


def download(url, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, partial.open("wb") as output:
            shutil.copyfileobj(response, output, 1 << 20)
    except (OSError, ValueError) as err:  # URLError and HTTPError are OSErrors
        partial.unlink(missing_ok=True)
        raise SetupError(f"could not download {url} ({err}). " + SET_ODOO_SOURCE) from None
    partial.rename(target)


def install_system_packages(packages):
    if not packages:
        return
    command = f"apt-get update && apt-get install -y {' '.join(packages)}"
    if os.geteuid() != 0:
        raise SetupError(
            f"missing system packages: {', '.join(packages)}. Nothing was changed. Install them "
            f"as root, then run again:\n    sudo sh -c '{command}'"
        )
    if not shutil.which("apt-get"):
        raise SetupError(f"missing system packages: {', '.join(packages)} (no apt-get here).")

    def install():
        environ = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        logs = Path(os.environ.get("TMPDIR", "/tmp"))
        run_logged(["apt-get", "update", "-qq"], logs / "hr_invitation_apt_update.log", environ)
        run_logged(
            ["apt-get", "install", "-y", "-qq", *packages],
            logs / "hr_invitation_apt_install.log",
            environ,
        )

    step("system-packages", f"install {' '.join(packages)} (apt-get)", install)


@contextlib.contextmanager
def locked(home):
    """One set-up at a time (run.sh and test.sh started together share the environment)."""
    home.mkdir(parents=True, exist_ok=True)
    with (home / "lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log("setup: waiting for another run's set-up to finish...")
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def default_home(environ):
    if environ.get("INVITATION_ENV_DIR"):
        return Path(environ["INVITATION_ENV_DIR"]).expanduser()
    cache = environ.get("XDG_CACHE_HOME") or Path(environ.get("HOME", "~"), ".cache")
    return Path(cache).expanduser() / "hr_recruitment_invitation"


def choose_python(mode, environ):
    """The probe of the interpreter to use, after setting up what is missing."""
    named = environ.get("ODOO_PYTHON")
    info = probe(named or sys.executable, environ)
    if named and not has_odoo(info):
        found = f"Odoo {info[3]}" if info and info[3] else "no Odoo"
        raise SetupError(
            f"ODOO_PYTHON={named} has {found}, where Odoo 18.0 is needed: name a Python that"
            " has it, or unset ODOO_PYTHON to let the scripts set Odoo 18.0 up by themselves."
        )
    if has_odoo(info):
        install_system_packages(missing_system_packages(mode, building=False))
        return info
    env = Environment(default_home(environ), environ)
    pending = env.pending(mode)
    building = bool({"venv", "odoo-requirements"} & set(pending))
    install_system_packages(missing_system_packages(mode, building))
    if pending:
        with locked(env.home):
            env.set_up(mode, env.pending(mode))
    info = probe(str(env.python), environ)
    if not has_odoo(info):
        raise SetupError(
            f"{env.python} does not import Odoo 18.0 although its set-up is done: remove"
            f" {env.home} and run again."
        )
    return info


def main(argv=None, environ=None):
    argv = sys.argv[1:] if argv is None else argv
    environ = dict(os.environ) if environ is None else environ
    if argv[:1] == ["--odoo-requirements"]:
        text = Path(argv[1]).read_text("utf-8")
        sys.stdout.write(odoo_requirements(text, sys.version_info))
        return 0
    if sys.version_info < (3, 10):  # noqa: UP036 (this file may be run by an older python3)
        log(f"ERROR: Odoo 18.0 needs Python 3.10 or later; python3 is {sys.version.split()[0]}.")
        return 2
    if argv not in (["run"], ["test"]):
        log(__doc__.split("\n\n")[1])
        return 2
    try:
        info = choose_python(argv[0], environ)
    except SetupError as err:
        log(f"ERROR: {err}")
        return 2
    print("\n".join(info[:3]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
