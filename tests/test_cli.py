"""Behaviour of `cascade check` and `cascade rules`: findings, formats, selection, exit codes, help."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cascade.cli import main
from models import load_cascade

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

KADIS = {"id": "kadis", "nama": "Kepala Dinas", "eselon": "II"}
KABID = {"id": "kabid", "nama": "Kepala Bidang Rehabilitasi Sosial", "eselon": "III", "atasan": "kadis"}
JABATAN = [KADIS, KABID]

# A small cascade without any finding: head sasaran and IKU, a kabid sasaran supporting the IKU,
# measured by the kabid's own complete indicator.
CLEAN = [
    {"id": "s1", "jenis": "sasaran", "uraian": "Meningkatnya kualitas hidup PMKS", "jabatan": "kadis"},
    {"id": "iku1", "jenis": "indikator", "uraian": "Persentase PMKS yang tertangani", "jabatan": "kadis",
     "induk": ["s1"], "satuan": "%", "target": "80", "formula": "PMKS tertangani / PMKS x 100%",
     "sumber_data": "DTKS"},
    {"id": "sp1", "jenis": "sasaran", "uraian": "Meningkatnya layanan rehabilitasi sosial", "jabatan": "kabid",
     "induk": ["iku1"]},
    {"id": "ip1", "jenis": "indikator",
     "uraian": "Persentase penyandang disabilitas terlantar yang direhabilitasi", "jabatan": "kabid",
     "induk": ["sp1"], "satuan": "%", "target": "75",
     "formula": "disabilitas direhabilitasi / disabilitas terlantar x 100%", "sumber_data": "Laporan bidang"},
]

ORPHAN = {"id": "yatim", "jenis": "indikator", "uraian": "Jumlah laporan kegiatan bidang", "jabatan": "kabid"}


# --- helpers ----------------------------------------------------------------------------------

def write_cascade(tmp_path, elemen, jabatan=JABATAN, name="kaskade.yaml", nama="Dinas Uji"):
    data = {"organisasi": {"kode": name.split(".")[0], "nama": nama}, "jabatan": jabatan, "elemen": elemen}
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def without(row, *keys):
    return {k: v for k, v in row.items() if k not in keys}


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def check_json(path, *args):
    """Exit code and parsed JSON report of `cascade check PATH --format json`."""
    result = run("check", path, "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def codes(report):
    return {f["code"] for f in report["findings"]}


# --- structural defects are findings, not load errors ---------------------------------------------

def assert_structural(path, code):
    exit_code, report = check_json(path)
    assert exit_code == 1
    assert {code, "K101"} <= codes(report), codes(report)
    return [f for f in report["findings"] if f["code"] == code]


def test_unknown_reference_is_a_finding(tmp_path):
    broken = {**CLEAN[3], "induk": ["sp_tidak_ada"]}
    path = write_cascade(tmp_path, [*CLEAN[:3], broken, ORPHAN])
    (finding,) = assert_structural(path, "K102")
    assert "sp_tidak_ada" in finding["message"] and finding["elements"] == ["ip1"]


def test_cycle_is_a_finding(tmp_path):
    a = {"id": "a", "jenis": "sasaran", "uraian": "Sasaran A", "jabatan": "kabid", "induk": ["b"]}
    b = {"id": "b", "jenis": "sasaran", "uraian": "Sasaran B", "jabatan": "kabid", "induk": ["a"]}
    path = write_cascade(tmp_path, [*CLEAN, a, b, ORPHAN])
    (finding,) = assert_structural(path, "K103")
    assert " --> " in finding["message"] and sorted(finding["elements"]) == ["a", "b"]


@pytest.mark.parametrize("jabatan", [
    [],
    [{**KADIS, "atasan": "kabid"}, KABID],
], ids=["no-jabatan", "every-position-has-atasan"])
def test_no_head_is_a_finding(tmp_path, jabatan):
    elemen = [without(row, "jabatan") for row in CLEAN] if not jabatan else CLEAN
    orphan = without(ORPHAN, "jabatan") if not jabatan else ORPHAN
    path = write_cascade(tmp_path, [*elemen, orphan], jabatan=jabatan)
    assert_structural(path, "K104")


def test_two_heads_is_a_finding(tmp_path):
    wakil = {"id": "wakil", "nama": "Wakil Kepala Dinas", "eselon": "II"}
    path = write_cascade(tmp_path, [*CLEAN, ORPHAN], jabatan=[*JABATAN, wakil])
    (finding,) = assert_structural(path, "K104")
    assert sorted(finding["jabatan"]) == ["kadis", "wakil"]
    assert finding["message"].endswith("Wakil Kepala Dinas (wakil)")


def test_two_heads_are_named_with_their_holders_and_outside_atasan(tmp_path):
    """Two positions of one title at the top are told apart by who holds them, as K601 and K102 do."""
    kepala = [{"id": "kadis", "nama": "Kepala Dinas", "pegawai": "Dra. Siti Aminah", "atasan": "bupati"},
              {"id": "kadis_lama", "nama": "Kepala Dinas", "pegawai": "Drs. Bambang"}]
    path = write_cascade(tmp_path, [*CLEAN, ORPHAN], jabatan=[*kepala, *JABATAN[1:]])
    (finding,) = assert_structural(path, "K104")
    assert finding["message"] == ("2 jabatan di puncak, seharusnya tepat satu kepala: Kepala Dinas (kadis, Dra. Siti "
                                  "Aminah), beratasan 'bupati' di luar berkas; Kepala Dinas (kadis_lama, Drs. Bambang)")


# --- JSON contract ---------------------------------------------------------------------------------

def test_json_report_keeps_its_contract(tmp_path):
    path = write_cascade(tmp_path, [*CLEAN, ORPHAN])
    _, report = check_json(path)
    assert {"organisasi", "findings", "summary"} <= set(report)  # new keys may be added, never removed
    assert report["organisasi"] == "Dinas Uji"
    assert report["findings"]
    for finding in report["findings"]:
        assert set(finding) == {"code", "rule", "severity", "elements", "jabatan", "message"}
        assert isinstance(finding["elements"], list) and isinstance(finding["jabatan"], list)
    assert set(report["summary"]) == {"error", "warning", "info"}
    for severity, count in report["summary"].items():
        assert isinstance(count, int)
        assert count == sum(1 for f in report["findings"] if f["severity"] == severity)


def test_json_of_two_files_is_an_array(tmp_path):
    one = write_cascade(tmp_path, CLEAN, name="satu.yaml", nama="Dinas Satu")
    two = write_cascade(tmp_path, [*CLEAN, ORPHAN], name="dua.yaml", nama="Dinas Dua")
    result = run("check", one, two, "--format", "json")
    reports = json.loads(result.stdout)
    assert isinstance(reports, list) and len(reports) == 2
    assert [r["organisasi"] for r in reports] == ["Dinas Satu", "Dinas Dua"]
    assert result.exit_code == 1


def test_text_of_two_files_has_a_summary_table(tmp_path):
    one = write_cascade(tmp_path, CLEAN, name="satu.yaml", nama="Dinas Satu")
    two = write_cascade(tmp_path, [*CLEAN, ORPHAN], name="dua.yaml", nama="Dinas Dua")
    out = run("check", one, two).output
    table = out[out.index("Ringkasan semua organisasi"):]
    assert "Dinas Satu" in table and "Dinas Dua" in table


def test_folder_is_checked_file_by_file(tmp_path):
    write_cascade(tmp_path, CLEAN, name="satu.yaml", nama="Dinas Satu")
    write_cascade(tmp_path, CLEAN, name="dua.yaml", nama="Dinas Dua")
    result = run("check", tmp_path)
    assert result.exit_code == 0
    assert "Dinas Satu" in result.output and "Dinas Dua" in result.output
    assert "Ringkasan semua organisasi" in result.output


def test_markdown_report(tmp_path):
    path = write_cascade(tmp_path, [*CLEAN, ORPHAN])
    out = run("check", path, "--format", "markdown").output
    assert out.startswith("# Laporan audit kaskade kinerja")
    assert "K101" in out


# --- --select / --ignore ----------------------------------------------------------------------------

@pytest.fixture
def mixed(tmp_path):
    """A cascade with findings from several families (K101 orphan, K2.., K4..)."""
    path = write_cascade(tmp_path, [*CLEAN, ORPHAN])
    _, report = check_json(path)
    assert "K101" in codes(report) and any(not c.startswith("K1") for c in codes(report))
    return path


def test_select_family_prefix(mixed):
    _, report = check_json(mixed, "--select", "K1")
    assert codes(report) and all(c.startswith("K1") for c in codes(report))


def test_ignore_code(mixed):
    _, report = check_json(mixed, "--ignore", "K101")
    assert "K101" not in codes(report) and codes(report)


def test_most_specific_match_wins(mixed):
    _, report = check_json(mixed, "--select", "K1", "--ignore", "K10")
    assert not any(c.startswith("K10") for c in codes(report))
    _, report = check_json(mixed, "--select", "K101", "--ignore", "K1")
    assert codes(report) == {"K101"}


def test_select_by_slug(mixed):
    _, report = check_json(mixed, "--select", "orphan")
    assert codes(report) == {"K101"}


def test_select_comma_separated(mixed):
    _, report = check_json(mixed, "--select", "orphan,K2")
    assert "K101" in codes(report) and all(c == "K101" or c.startswith("K2") for c in codes(report))


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_code_is_a_usage_error(mixed, option):
    result = run("check", mixed, option, "K999")
    assert result.exit_code == 2
    assert "K999" in result.output


# --- exit codes ------------------------------------------------------------------------------------------

def test_clean_cascade_exits_0(tmp_path):
    path = write_cascade(tmp_path, CLEAN)
    result = run("check", path)
    assert result.exit_code == 0, result.output
    assert "tidak ada temuan" in result.output


@pytest.fixture
def warnings_only(tmp_path):
    """The clean cascade with the kabid indicator's formula left out: one warning, no error."""
    path = write_cascade(tmp_path, [*CLEAN[:3], without(CLEAN[3], "formula")])
    _, report = check_json(path)
    assert report["summary"]["error"] == 0 and report["summary"]["warning"] > 0
    return path


def test_warnings_do_not_fail_by_default(warnings_only):
    assert run("check", warnings_only).exit_code == 0
    assert run("check", warnings_only, "--fail-on", "error").exit_code == 0


def test_fail_on_warning(warnings_only):
    assert run("check", warnings_only, "--fail-on", "warning").exit_code == 1


def test_errors_exit_1(tmp_path):
    path = write_cascade(tmp_path, [*CLEAN, ORPHAN])
    assert run("check", path).exit_code == 1


def test_info_only_fails_only_with_fail_on_info(tmp_path):
    path = write_cascade(tmp_path, [*CLEAN[:3], without(CLEAN[3], "target")])
    _, report = check_json(path)
    assert report["summary"] == {"error": 0, "warning": 0, "info": 1}
    assert run("check", path, "--fail-on", "warning").exit_code == 0
    assert run("check", path, "--fail-on", "info").exit_code == 1


def test_check_without_path_is_a_usage_error():
    assert CliRunner().invoke(main, ["check"]).exit_code == 2


# --- suppression ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("mark", [["K101"], ["orphan"], "K101"])
def test_abaikan_suppresses_a_finding(tmp_path, mark):
    path = write_cascade(tmp_path, [*CLEAN, {**ORPHAN, "abaikan": mark}])
    _, report = check_json(path)
    assert not any(f["code"] == "K101" for f in report["findings"])
    assert any("yatim" in f["elements"] for f in report["findings"])  # other rules still see it


def test_abaikan_is_per_rule(tmp_path):
    path = write_cascade(tmp_path, [*CLEAN, {**ORPHAN, "abaikan": ["K402"]}])
    _, report = check_json(path)
    assert any(f["code"] == "K101" and f["elements"] == ["yatim"] for f in report["findings"])


# --- help, rules, entry points ----------------------------------------------------------------------------

def test_every_command_has_help_with_examples():
    assert main.commands
    for name, command in main.commands.items():
        assert command.help and "Contoh" in command.help, name
        result = run(name, "--help")
        assert result.exit_code == 0 and "Contoh" in result.output


def test_group_help():
    result = run("--help")
    assert result.exit_code == 0
    assert "Contoh" in result.output
    assert all(name in result.output for name in main.commands)


def test_rules_lists_every_code():
    from cascade.checks import RULES

    out = run("rules").output
    assert all(code in out and rule.slug in out for code, rule in RULES.items())
    markdown = run("rules", "--format", "markdown").output
    assert markdown.startswith("| Kode | Nama |")


def test_python_m_cascade_help():
    result = subprocess.run([sys.executable, "-m", "cascade", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Pemakaian: cascade" in result.stdout and "check" in result.stdout


def program(*args, stdout=subprocess.PIPE):
    """The program as installed, which ends with `os._exit` after flushing its output."""
    return subprocess.run([sys.executable, "-m", "cascade", *map(str, args)], cwd=ROOT, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=120)


def test_the_program_flushes_everything_and_keeps_exit_codes(tmp_path):
    fixture = FIXTURES / "probolinggo.yaml"
    with open(tmp_path / "capaian.csv", "w") as handle:
        assert program("score", fixture, "--format", "csv", stdout=handle).returncode == 0
    assert (tmp_path / "capaian.csv").read_text() == run("score", fixture, "--format", "csv").output
    findings = program("check", fixture, "--format", "json")
    assert findings.returncode == 1 and json.loads(findings.stdout) == check_json(fixture)[1]
    missing = program("check", tmp_path / "tidak-ada.yaml")
    assert missing.returncode == 2 and "tidak ditemukan" in missing.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_a_message_not_a_traceback():
    with open("/dev/full", "w") as full:
        result = program("rules", stdout=full)
    assert result.returncode == 2 and result.stderr == "galat: disk penuh\n"


@pytest.mark.parametrize("closed", [">&-", "2>&- >/dev/null"])
def test_a_stream_closed_at_start_is_no_failure(closed):
    result = subprocess.run(["sh", "-c", f"{sys.executable} -m cascade score fixtures/probolinggo.yaml {closed}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "Traceback" not in result.stderr


# --- real fixtures -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["probolinggo.yaml", "sampang.yaml"])
def test_fixture_loads_and_exit_code_follows_errors(name):
    path = FIXTURES / name
    assert load_cascade(path).elemen
    exit_code, report = check_json(path)
    assert exit_code == (1 if report["summary"]["error"] else 0)
    assert run("check", path, "--fail-on", "warning").exit_code == 1
    assert "Traceback" not in run("check", path).output


def test_probolinggo_has_error_findings():
    path = FIXTURES / "probolinggo.yaml"
    exit_code, report = check_json(path)
    assert exit_code == 1 and report["summary"]["error"] > 0


def test_outlive_keeps_one_value_at_a_time():
    import weakref

    from cascade.cli.common import outlive

    class Held:
        pass

    first, second = Held(), Held()
    first_ref, second_ref = weakref.ref(first), weakref.ref(second)
    outlive(first)
    del first
    assert first_ref() is not None
    outlive(second)
    del second
    assert first_ref() is None and second_ref() is not None


def test_levels_are_read_by_the_names_the_reports_print(tmp_path):
    from click.testing import CliRunner

    from cascade.cli import main

    sampang = str(Path(__file__).resolve().parent.parent / "fixtures" / "sampang.yaml")
    exits = {level: CliRunner().invoke(main, ["check", sampang, "--fail-on", level, "--format", "json"]).exit_code
             for level in ("warning", "peringatan", "PERINGATAN", "info")}
    assert exits["warning"] == exits["peringatan"] == exits["PERINGATAN"] == 1
    marked = {level: CliRunner().invoke(main, ["render", sampang, "-o", str(tmp_path / f"{level}.dot"),
                                               "--tandai", level]) for level in ("error", "galat")}
    assert all(r.exit_code == 0 for r in marked.values())
    assert (tmp_path / "error.dot").read_bytes() == (tmp_path / "galat.dot").read_bytes()


def test_numbers_in_options_are_read_as_planners_type_them(tmp_path):
    from click.testing import CliRunner

    from cascade.cli import main

    probolinggo = str(Path(__file__).resolve().parent.parent / "fixtures" / "probolinggo.yaml")

    def capped(*batas):
        result = CliRunner().invoke(main, ["score", probolinggo, "--format", "json", *batas])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert capped("--batas", "97,5") == capped("--batas", "97.5") != capped()
    assert max(e["capaian"] or 0 for e in capped("--batas", "97,5")["elements"]) == 97.5
    refused = CliRunner().invoke(main, ["score", probolinggo, "--batas", "sembilan"])
    assert refused.exit_code == 2 and "'sembilan' bukan angka" in refused.output


def test_choices_read_in_any_case_are_shown_as_written():
    from click.testing import CliRunner

    from cascade.cli import main

    for command in ("score", "render", "report"):
        text = CliRunner().invoke(main, [command, "--help"], terminal_width=200).output
        assert "[tahunan|TW1|TW2|TW3|TW4]" in text
    assert "[TB|LR]" in CliRunner().invoke(main, ["render", "--help"], terminal_width=200).output
    refused = CliRunner().invoke(main, ["score", "x.yaml", "--periode", "TW9"])
    assert refused.exit_code == 2 and "bukan salah satu dari 'tahunan', 'TW1', 'TW2', 'TW3', 'TW4'" in refused.output
