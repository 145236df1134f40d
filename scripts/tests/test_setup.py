"""Fast tests of scripts/setup_odoo.py's decisions, on small fake Odoo trees (plain pytest).

Not Odoo tests: scripts/test.sh runs them with `python -m pytest scripts/tests` and counts them
in its last line. pip and apt-get are the only parts replaced (by recorders): the virtualenv,
the archives, the downloads and the interpreter probes are real.
"""

import functools
import http.server
import importlib.util
import sys
import tarfile
import threading
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SPEC = importlib.util.spec_from_file_location("setup_odoo", HERE.parent / "setup_odoo.py")
setup_odoo = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(setup_odoo)

REQUIREMENTS = """\
# The officially supported versions of the following packages are their python3-* equivalent
gevent==22.10.2; sys_platform != 'win32' and python_version > '3.10' and python_version < '3.12'
gevent==24.2.1 ; sys_platform != 'win32' and python_version >= '3.12'  # (Noble)
lxml==4.9.3 ; python_version > '3.10' and python_version < '3.12' # min 4.9.2
lxml==5.2.1; python_version >= '3.12' # (Noble - removed html clean)
lxml-html-clean; python_version >= '3.12'
pypiwin32 ; sys_platform == 'win32'
polib==1.1.1
"""


def fake_odoo(root, version="18, 0"):
    """An Odoo source tree as far as the set-up looks: odoo/release.py and requirements.txt."""
    (root / "odoo").mkdir(parents=True)
    (root / "odoo" / "__init__.py").write_text("")
    (root / "odoo" / "release.py").write_text(
        f"FINAL = 'final'\nversion_info = ({version}, 0, FINAL, 0, '')\n"
    )
    (root / "requirements.txt").write_text(REQUIREMENTS)
    return root


def tarball(tree, path, top="odoo-18.0"):
    with tarfile.open(path, "w:gz") as archive:
        archive.add(tree, arcname=top)
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def served(tmp_path):
    """A local HTTP server on 127.0.0.1 serving tmp_path/www; yields its base URL."""
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(QuietHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield www, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def no_system_changes(monkeypatch):
    """apt-get is never run: the packages count as present, pip installs are recorded."""
    installs = []
    monkeypatch.setattr(setup_odoo, "missing_system_packages", lambda mode, building: [])
    monkeypatch.setattr(
        setup_odoo.Environment, "pip", lambda env, name, *args: installs.append(name)
    )
    return installs


def environment(tmp_path, source):
    return setup_odoo.Environment(tmp_path / "home", {"ODOO_SOURCE": str(source)})


# --- where Odoo comes from ----------------------------------------------------------------------


def test_a_folder_is_used_in_place(tmp_path):
    tree = fake_odoo(tmp_path / "odoo18")
    env = environment(tmp_path, tree)
    assert setup_odoo.source_kind(str(tree)) == "folder"
    assert env.fetch_source() == tree
    assert not (tmp_path / "home" / "odoo" / "source").exists(), "nothing copied"
    assert env.recorded_root() == tree


def test_a_tar_gz_is_extracted_below_its_top_folder(tmp_path):
    archive = tarball(fake_odoo(tmp_path / "tree"), tmp_path / "odoo-18.0-src.tar.gz")
    env = environment(tmp_path, archive)
    assert setup_odoo.source_kind(str(archive)) == "archive"
    root = env.fetch_source()
    assert root == tmp_path / "home" / "odoo" / "source"
    assert setup_odoo.series_of(root) == "18.0"
    left = {path.name for path in root.parent.iterdir()}
    assert left == {"source", "source.json"}, "no scratch folder left"


def test_a_file_url_is_downloaded_and_extracted(tmp_path):
    archive = tarball(fake_odoo(tmp_path / "tree"), tmp_path / "odoo.tar.gz")
    env = environment(tmp_path, archive.as_uri())
    assert setup_odoo.source_kind(archive.as_uri()) == "url"
    root = env.fetch_source()
    assert setup_odoo.series_of(root) == "18.0"
    assert not (tmp_path / "home" / "odoo" / "download.tar.gz").exists(), "download removed"


def test_an_http_url_is_downloaded_and_extracted(tmp_path, served):
    www, base = served
    tarball(fake_odoo(tmp_path / "tree"), www / "odoo_18.0.latest.tar.gz", top="odoo-18.0.post1")
    env = environment(tmp_path, f"{base}/odoo_18.0.latest.tar.gz")
    assert setup_odoo.series_of(env.fetch_source()) == "18.0"


def test_a_failed_download_says_to_set_odoo_source(tmp_path, served):
    _www, base = served
    env = environment(tmp_path, f"{base}/missing.tar.gz")
    with pytest.raises(setup_odoo.SetupError, match="404.*Set ODOO_SOURCE to a folder"):
        env.fetch_source()
    assert not (tmp_path / "home" / "odoo" / "source.json").exists()


def test_the_default_source_is_odoo_official_18_0_branch():
    assert setup_odoo.DEFAULT_SOURCE == (
        "https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz"
    )


@pytest.mark.parametrize("kind", ["folder", "archive"])
def test_another_version_is_refused_and_nothing_kept(tmp_path, kind):
    tree = fake_odoo(tmp_path / "odoo17", version="17, 0")
    source = tree if kind == "folder" else tarball(tree, tmp_path / "odoo-17.0.tar.gz")
    env = environment(tmp_path, source)
    with pytest.raises(setup_odoo.SetupError, match=r"holds Odoo 17\.0 .*needs Odoo 18\.0"):
        env.fetch_source()
    assert env.recorded_root() is None
    assert not (tmp_path / "home" / "odoo" / "source").exists()


def test_a_tree_without_release_py_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    archive = tarball(tmp_path / "empty", tmp_path / "empty.tar.gz")
    with pytest.raises(setup_odoo.SetupError, match="not an Odoo source tree"):
        environment(tmp_path, archive).fetch_source()


def test_neither_folder_nor_archive_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("odoo")
    with pytest.raises(setup_odoo.SetupError, match="neither a folder nor a .tar.gz"):
        setup_odoo.source_kind(str(tmp_path / "notes.txt"))
    with pytest.raises(setup_odoo.SetupError, match="does not exist.*Set ODOO_SOURCE"):
        setup_odoo.source_kind(str(tmp_path / "nowhere.tar.gz"))


# --- which Python -------------------------------------------------------------------------------


def test_python_that_has_odoo_18_is_kept_and_nothing_installed(tmp_path, no_system_changes):
    tree = fake_odoo(tmp_path / "odoo18")
    environ = {"ODOO_PYTHON": sys.executable, "PYTHONPATH": str(tree), "HOME": str(tmp_path)}
    info = setup_odoo.choose_python("test", environ)
    assert info[2] == str(tree)
    assert not (tmp_path / ".cache").exists(), "no environment of the project's own"
    assert no_system_changes == []


def test_odoo_python_with_another_odoo_is_refused(tmp_path, no_system_changes):
    tree = fake_odoo(tmp_path / "odoo17", version="17, 0")
    environ = {"ODOO_PYTHON": sys.executable, "PYTHONPATH": str(tree), "HOME": str(tmp_path)}
    with pytest.raises(setup_odoo.SetupError, match=r"has Odoo 17\.0, where Odoo 18\.0 is needed"):
        setup_odoo.choose_python("run", environ)


def test_odoo_requirements_take_the_python_3_12_pins_below_3_12():
    for version in ((3, 10, 12), (3, 11, 7)):
        wanted = setup_odoo.odoo_requirements(REQUIREMENTS, version).split()
        assert wanted == ["gevent==24.2.1", "lxml==5.2.1", "lxml-html-clean", "polib==1.1.1"]
    assert setup_odoo.odoo_requirements(REQUIREMENTS, (3, 13, 0)).split() == wanted


def test_without_root_the_apt_command_is_given_and_nothing_done(tmp_path, monkeypatch):
    monkeypatch.setattr(setup_odoo, "probe", lambda python, environ=None: None)
    monkeypatch.setattr(setup_odoo.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(setup_odoo, "postgres_found", lambda: True)
    monkeypatch.setattr(setup_odoo, "debian_packages_missing", lambda names: ["libldap2-dev"])
    environ = {"INVITATION_ENV_DIR": str(tmp_path / "home"), "ODOO_SOURCE": str(tmp_path)}
    with pytest.raises(setup_odoo.SetupError) as raised:
        setup_odoo.choose_python("run", environ)
    assert "apt-get install -y libldap2-dev" in str(raised.value)
    assert not (tmp_path / "home").exists()


# --- steps, stamps, resuming --------------------------------------------------------------------


def test_a_failed_step_is_named_and_the_next_run_resumes_there(
    tmp_path, monkeypatch, capsys, no_system_changes
):
    """Whole set-up on a fake Odoo: a real virtualenv, pip recorded instead of run."""
    real_probe = setup_odoo.probe
    monkeypatch.setattr(
        setup_odoo,
        "probe",
        lambda python, environ=None: None if python == sys.executable else real_probe(python),
    )
    home = tmp_path / "home"
    wrong = tarball(fake_odoo(tmp_path / "odoo17", "17, 0"), tmp_path / "odoo-17.0.tar.gz")
    environ = {"INVITATION_ENV_DIR": str(home), "ODOO_SOURCE": str(wrong)}
    with pytest.raises(setup_odoo.SetupError, match=r"step 'odoo-source' .*holds Odoo 17\.0"):
        setup_odoo.choose_python("test", environ)
    first = capsys.readouterr().err
    assert "create a Python" in first and "FAILED" in first

    environ["ODOO_SOURCE"] = str(tarball(fake_odoo(tmp_path / "tree"), tmp_path / "good.tar.gz"))
    info = setup_odoo.choose_python("test", environ)
    second = capsys.readouterr().err
    assert "create a Python" not in second, "the virtualenv of the failed run is reused"
    assert info[0] == str(home / "venv" / "bin" / "python")
    assert info[2] == str(home / "odoo" / "source"), "the venv's python finds the source"
    assert no_system_changes == ["odoo-requirements", "addon-requirements", "test-requirements"]
    assert "lxml==5.2.1" in (home / "odoo-requirements.txt").read_text()
    lines = second.strip().splitlines()
    assert len(lines) == 5 and all(line.endswith(" s") for line in lines), lines

    (home / "odoo" / "source" / "kept").write_text("")
    del environ["ODOO_SOURCE"]
    assert setup_odoo.choose_python("test", environ) == info
    assert capsys.readouterr().err == "", "the second run reuses the first, silently"
    assert (home / "odoo" / "source" / "kept").exists(), "not extracted again"
    assert len(no_system_changes) == 3, "nothing installed twice"
