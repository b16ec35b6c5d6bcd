"""`cascade diff`: what changed between two versions of a cascade, and what the change breaks.

The scenario is the Probolinggo *Perubahan IKU* (seed 004): the head's sasaran "Meningkatnya
peran serta perempuan dalam pembangunan" and its IKU are replaced mid-period. Two staff sasaran
were cascaded from it; the diff must say they are now orphans and that their indicators no
longer reach an IKU.
"""

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from cascade.cli import main
from cascade.diff import diff_cascades, render_text
from models import load_cascade
from models.output import save_cascade

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PROBOLINGGO = FIXTURES / "probolinggo.yaml"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def changed_copy(tmp_path, change, name="perubahan.yaml") -> Path:
    """The Probolinggo fixture, edited by `change(document)` and written beside the test."""
    document = yaml.safe_load(PROBOLINGGO.read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def element(document, element_id):
    return next(e for e in document["elemen"] if e["id"] == element_id)


def replace_iku_s2(document):
    """Perubahan IKU: sasaran kadis.s2 and its IKU replaced by a reworded sasaran with a new id."""
    elemen = document["elemen"]
    elemen.remove(element(document, "kadis.s2"))
    iku = element(document, "kadis.s2.iku1")
    elemen.remove(iku)
    elemen.append({"id": "kadis.s2b", "jenis": "sasaran", "jabatan": "kadis",
                   "uraian": "Meningkatnya kesetaraan gender dalam pembangunan"})
    elemen.append({**iku, "id": "kadis.s2b.iku1", "induk": ["kadis.s2b"], "uraian": "Indeks Pembangunan Gender"})
    document["capaian"] = [c for c in document["capaian"] if c["id"] != "kadis.s2.iku1"]


def test_perubahan_iku_lists_the_new_orphans_and_what_they_cut_off(tmp_path):
    changed = changed_copy(tmp_path, replace_iku_s2)
    result = diff_cascades(load_cascade(PROBOLINGGO), load_cascade(changed))
    assert set(result.removed) == {"kadis.s2", "kadis.s2.iku1"}
    assert set(result.added) == {"kadis.s2b", "kadis.s2b.iku1"}
    orphans = {b.id: b.reason for b in result.orphans}
    assert set(orphans) == {"partis.s1", "penyuluh.s1"}  # the staff sasaran cascaded from kadis.s2
    assert all("kadis.s2 tidak ada lagi" in reason for reason in orphans.values())
    lost = {b.id for b in result.untraceable}
    assert {"partis.s1.i1", "partis.s1.i2", "partis.s1.i3", "penyuluh.s1.i1"} <= lost
    assert not lost & set(orphans)  # an orphan is listed once
    assert result.duplicates == ()


def test_perubahan_iku_through_the_cli_in_text_and_json(tmp_path):
    changed = changed_copy(tmp_path, replace_iku_s2)
    text = run("diff", PROBOLINGGO, changed)
    assert text.exit_code == 0
    assert "menjadi yatim (tanpa induk yang ada) (2)" in text.output
    assert "(partis.s1): induknya kadis.s2 tidak ada lagi" in text.output
    assert "tidak lagi bermuara ke IKU" in text.output
    report = json.loads(run("diff", PROBOLINGGO, changed, "--format", "json").stdout)
    assert {o["id"] for o in report["impact"]["orphans"]} == {"partis.s1", "penyuluh.s1"}
    assert set(report["removed"]) == {"kadis.s2", "kadis.s2.iku1"}
    assert report["old"] == str(PROBOLINGGO)


def test_changed_text_target_and_links_are_listed_with_old_and_new_values(tmp_path):
    def change(document):
        element(document, "kadis.s1.iku1")["uraian"] = "Persentase PMKS yang terpenuhi kebutuhan dasarnya (revisi)"
        element(document, "kadis.s1.iku1")["target"] = "87,5"
        element(document, "partis.s1")["induk"] = ["kadis.s2", "kadis.t2"]

    result = diff_cascades(load_cascade(PROBOLINGGO), load_cascade(changed_copy(tmp_path, change)))
    changes = {(c.id, f.column): (f.old, f.new) for c in result.changed for f in c.changes}
    assert changes[("kadis.s1.iku1", "target")] == (None, 87.5)
    assert changes[("kadis.s1.iku1", "uraian")][1].endswith("(revisi)")
    assert changes[("partis.s1", "induk")] == (("kadis.s2",), ("kadis.s2", "kadis.t2"))
    assert result.orphans == () and result.untraceable == ()
    text = render_text(result)
    assert "target: (kosong) -> 87,5" in text and "induk: kadis.s2 -> kadis.s2;kadis.t2" in text


def test_links_edited_away_make_an_orphan_with_the_reason(tmp_path):
    def change(document):
        element(document, "penyuluh.s1")["induk"] = ["kadis.s9"]  # a typo in the new version

    result = diff_cascades(load_cascade(PROBOLINGGO), load_cascade(changed_copy(tmp_path, change)))
    assert [(b.id, b.reason) for b in result.orphans] == [
        ("penyuluh.s1", "induknya kadis.s9 tidak dikenal (tidak ada di versi lama maupun baru)")]
    assert [c.id for c in result.changed] == ["penyuluh.s1"]


def test_new_duplicates_are_reported(tmp_path):
    def change(document):
        copied = element(document, "partis.s1.i1")
        element(document, "penyuluh.s1.i1").update(uraian=copied["uraian"], formula=copied["formula"])

    result = diff_cascades(load_cascade(PROBOLINGGO), load_cascade(changed_copy(tmp_path, change)))
    assert any({"partis.s1.i1", "penyuluh.s1.i1"} <= set(f.elements) for f in result.duplicates)
    assert all(f.code.startswith("K3") for f in result.duplicates)


def test_same_cascade_in_another_format_has_no_difference(tmp_path):
    workbook = tmp_path / "probolinggo.xlsx"
    save_cascade(load_cascade(PROBOLINGGO), workbook)
    result = run("diff", PROBOLINGGO, workbook)
    assert result.exit_code == 0
    assert "elemen 0 ditambah, 0 dihapus, 0 diubah; 0 perubahan jabatan, 0 perubahan capaian; tidak ada dampak pada kaskade" in result.output


def test_unreadable_version_is_exit_2(tmp_path):
    broken = tmp_path / "rusak.yaml"
    broken.write_text("elemen: [", encoding="utf-8")
    result = run("diff", PROBOLINGGO, broken)
    assert result.exit_code == 2 and "YAML rusak" in result.output and "Traceback" not in result.output


def test_doctests_of_the_diff_module():
    import doctest

    import cascade.diff

    assert doctest.testmod(cascade.diff).failed == 0


def test_changes_in_capaian_and_jabatan_are_listed(tmp_path):
    def change(document):
        row = next(c for c in document["capaian"] if c["id"] == "kadis.s1.iku1" and c["periode"] == "TW1")
        row["target"] = 92
        document["capaian"] = [c for c in document["capaian"] if not (c["id"] == "sek.s1.i5" and c["periode"] == "TW4")]
        next(j for j in document["jabatan"] if j["id"] == "rpjs_soni")["atasan"] = "kabid_psfm"

    result = run("diff", PROBOLINGGO, changed_copy(tmp_path, change), "--format", "json")
    data = json.loads(result.stdout)
    assert data["capaian"]["changed"] == [{"id": "kadis.s1.iku1 TW1",
                                           "changes": [{"column": "target", "old": 85.0, "new": 92.0}]}]
    assert data["capaian"]["removed"] == ["sek.s1.i5 TW4"]
    assert data["jabatan"]["changed"] == [{"id": "rpjs_soni",
                                           "changes": [{"column": "atasan", "old": "kabid_rpjs", "new": "kabid_psfm"}]}]
    text = run("diff", PROBOLINGGO, changed_copy(tmp_path, change, "lagi.yaml")).stdout
    assert "kadis.s1.iku1 TW1: target: 85 -> 92" in text and "1 perubahan jabatan, 2 perubahan capaian" in text


def test_the_problems_of_both_versions_are_told_at_once(tmp_path):
    broken, repeated = tmp_path / "rusak.yaml", tmp_path / "ganda.yaml"
    broken.write_text("elemen: [", encoding="utf-8")
    repeated.write_text("organisasi: {kode: x, nama: X}\nelemen:\n  - {id: a, jenis: sasaran, uraian: A}\n"
                        "  - {id: a, jenis: sasaran, uraian: B}\n", encoding="utf-8")
    result = run("diff", broken, repeated)
    assert result.exit_code == 2
    assert "rusak.yaml" in result.output and "YAML rusak" in result.output
    assert "ganda.yaml" in result.output and "id 'a' sudah dipakai" in result.output


def test_a_new_element_that_reaches_no_iku_is_called_new(tmp_path):
    """'kini berhenti' told an inspector that a brand-new IKI used to reach an IKU."""
    def change(document):
        element(document, "penyuluh.s1")["induk"] = ["kadis.s9"]  # cut off, as before
        document["elemen"].append({"id": "penyuluh.s1.baru", "jenis": "indikator", "uraian": "Jumlah penyuluhan baru",
                                   "jabatan": element(document, "penyuluh.s1")["jabatan"], "induk": ["penyuluh.s1"]})

    result = diff_cascades(load_cascade(PROBOLINGGO), load_cascade(changed_copy(tmp_path, change)))
    reasons = {b.id: b.reason for b in result.untraceable}
    assert reasons["penyuluh.s1.baru"].startswith("elemen baru; rantai induknya berhenti di ")
    assert all(r.startswith("rantai induknya kini berhenti di ") for n, r in reasons.items() if n != "penyuluh.s1.baru")


def test_a_copy_regrouped_by_an_edit_is_not_a_new_duplicate(tmp_path):
    """Adding one copied IKI regrouped an old K302 finding, which was then listed as new too."""
    def change(document):
        copied = element(document, "rehsos.s1.i1")
        document["elemen"].append({**copied, "id": "soni.s1.i2", "induk": ["soni.s1"],
                                   "jabatan": element(document, "soni.s1")["jabatan"]})

    result = diff_cascades(load_cascade(PROBOLINGGO), load_cascade(changed_copy(tmp_path, change)))
    assert [(f.code, "soni.s1.i2" in f.elements or "rehsos.s1.i1" in f.elements) for f in result.duplicates] == [
        ("K301", True)]


def test_a_jenis_relabelled_without_changing_the_role_is_no_change(tmp_path):
    """A kabid's `indikator` is an IKI; written `iki` it is the same IKI. Written `iku` it is not."""
    def change(document):
        element(document, "kpp.s1.i1")["jenis"] = "iki"
        element(document, "kpp.s1.i2")["jenis"] = "iku"

    result = diff_cascades(load_cascade(PROBOLINGGO), load_cascade(changed_copy(tmp_path, change)))
    assert [(c.id, [f.column for f in c.changes]) for c in result.changed] == [("kpp.s1.i2", ["jenis"])]
