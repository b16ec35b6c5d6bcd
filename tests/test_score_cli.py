"""`cascade score` and `cascade explain` through the CLI."""

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from cascade.capaian import Scale
from cascade.cli import main
from cascade.formats.score_text import no_realisasi_note
from visualize.palette import band_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

SMALL = """\
organisasi: {kode: x, nama: Dinas X}
jabatan:
  - {id: kadis, nama: Kepala Dinas}
  - {id: kabid, nama: Kepala Bidang, atasan: kadis}
elemen:
  - {id: s1, jenis: sasaran, uraian: Meningkatnya layanan, jabatan: kadis}
  - {id: iku1, jenis: indikator, uraian: Persentase PMKS tertangani, jabatan: kadis, induk: [s1], target: 80, realisasi: 76}
  - {id: i1, jenis: indikator, uraian: Jumlah PMKS didampingi, jabatan: kabid, induk: [iku1], target: 100, satuan: orang}
  - {id: i2, jenis: indikator, uraian: Angka kasus, jabatan: kabid, induk: [iku1], target: 10, realisasi: 12, polaritas: negatif, bobot: 3}
capaian:
  - {id: i1, periode: TW1, target: 50, realisasi: 40}
  - {id: i1, periode: TW2, target: 50, realisasi: 50}
"""


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def small(tmp_path):
    path = tmp_path / "kaskade.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_json_has_exactly_the_contract_shape(tmp_path):
    result = run("score", small(tmp_path), "--periode", "TW2", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"periode", "elements"} and data["periode"] == "TW2"
    by_id = {e["id"]: e for e in data["elements"]}
    assert set(by_id["s1"]) == {"id", "capaian", "capaian_langsung", "capaian_turunan", "sumber", "kategori"}
    assert by_id["i1"]["capaian"] == 90.0  # (40 + 50) / (50 + 50)
    assert by_id["iku1"] == {"id": "iku1", "capaian": 90.0, "capaian_langsung": None, "capaian_turunan": 90.0,
                             "sumber": "turunan", "kategori": "Tinggi"}


def test_yearly_score_uses_element_values_and_weights(tmp_path):
    data = json.loads(run("score", small(tmp_path), "--format", "json").stdout)
    by_id = {e["id"]: e for e in data["elements"]}
    assert by_id["iku1"]["capaian_langsung"] == 95.0
    # i1 yearly realisasi is the TW4 cumulation (90) against its annual target 100; i2 negatif: (20-12)/10
    assert by_id["iku1"]["capaian_turunan"] == (1 * 90.0 + 3 * 80.0) / 4
    assert by_id["s1"]["sumber"] == "turunan" and by_id["s1"]["capaian"] == 95.0


def test_text_table_is_in_tree_order_with_indonesian_numbers(tmp_path):
    out = run("score", small(tmp_path)).stdout
    lines = [line for line in out.splitlines() if ": " in line and not line.startswith("Capaian")]
    assert [line.split(":")[0].strip() for line in lines] == ["s1", "iku1", "i1", "i2"]
    s1_row = next(line for line in lines if line.startswith("s1:"))
    assert s1_row.split()[-5:] == ["-", "95%", "turunan", "Sangat", "Tinggi"]
    assert "langsung" in out and "Sangat Tinggi" in out


def test_csv_and_markdown(tmp_path):
    rows = list(csv.DictReader(io.StringIO(run("score", small(tmp_path), "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == ["s1", "iku1", "i1", "i2"] and rows[1]["capaian"] == "95"
    assert run("score", small(tmp_path), "--format", "markdown").stdout.startswith("# Capaian Dinas X")


def test_options_kosong_batas_and_scale(tmp_path):
    path = small(tmp_path)
    data = json.loads(run("score", path, "--periode", "TW1", "--kosong", "nol", "--format", "json").stdout)
    iku = next(e for e in data["elements"] if e["id"] == "iku1")
    assert iku["capaian_turunan"] == (1 * 80.0 + 3 * 0.0) / 4  # i2 has no TW1 data and counts as 0
    capped = json.loads(run("score", path, "--batas", "85", "--format", "json").stdout)
    assert next(e for e in capped["elements"] if e["id"] == "i1")["capaian"] == 85.0
    scaled = json.loads(run("score", path, "--skala", "90=Baik;0=Kurang", "--format", "json").stdout)
    assert {e["kategori"] for e in scaled["elements"]} == {"Baik", "Kurang"}
    bad = run("score", path, "--skala", "sembilan puluh")
    assert bad.exit_code == 2 and "--skala" in bad.output


@pytest.mark.parametrize(("skala", "said"), [
    ("91=Sangat Tinggi;76=Tinggi", "batas terendah skala harus 0 atau kurang"),  # 50% would have been 'Tinggi'
    ("91=A;91=B;0=C", "batas 91 ditulis lebih dari sekali"),
])
def test_a_scale_leaving_capaian_without_a_band_or_repeating_a_bound_is_refused(tmp_path, skala, said):
    result = run("score", small(tmp_path), "--skala", skala)
    assert result.exit_code == 2 and said in result.output


def test_the_lowest_band_takes_everything_below_it_and_the_legend_says_so():
    scale = Scale.parse("91=Sangat Tinggi; 76=Tinggi; 0=Kurang")  # spaces after ';' are allowed
    assert scale.categories(np.array([91.0, 80.0, 50.0, -20.0, np.nan])) == [
        "Sangat Tinggi", "Tinggi", "Kurang", "Kurang", None]
    assert band_text(scale) == [("Sangat Tinggi", "≥ 91%"), ("Tinggi", "≥ 76%"), ("Kurang", "< 76%")]


def test_explain_lists_children_weights_and_the_gap(tmp_path):
    result = run("explain", small(tmp_path), "iku1")
    assert result.exit_code == 0
    out = result.stdout
    assert "capaian langsung 95%" in out
    assert "'Angka kasus' (i2): 80%, bobot 3, porsi 75%, kontribusi 60 poin" in out
    assert "Ujung rantai yang paling menurunkan" in out
    assert "berselisih" not in out  # 95 measured vs 82.5 derived: a 12.5-point gap is under the default 20
    narrow = run("explain", small(tmp_path), "iku1", "--selisih", "10").stdout
    assert "'Persentase PMKS tertangani' (iku1): langsung 95%, turunan 82,5% (selisih 12,5 poin)" in narrow


def test_explain_unknown_element_is_a_clean_error(tmp_path):
    result = run("explain", small(tmp_path), "tidak_ada")
    assert result.exit_code == 2 and "tidak_ada" in result.output


def test_score_of_a_broken_file_is_a_clean_error(tmp_path):
    path = tmp_path / "rusak.yaml"
    path.write_text("elemen: [", encoding="utf-8")
    result = run("score", path)
    assert result.exit_code == 2 and "rusak.yaml" in result.output


def test_probolinggo_demo_scores_with_illustrative_quarters():
    data = json.loads(run("score", FIXTURES / "probolinggo.yaml", "--periode", "TW4", "--format", "json").stdout)
    by_id = {e["id"]: e for e in data["elements"]}
    assert by_id["kadis.s1.iku1"]["capaian"] == 88 / 85 * 100  # a percentage: the latest quarter stands
    assert by_id["kadis.s2.iku1"]["capaian"] == 95.0  # measured in TW4 only; TW1-TW3 targets are 0
    tw1 = json.loads(run("score", FIXTURES / "probolinggo.yaml", "--periode", "TW1", "--format", "json").stdout)
    assert next(e for e in tw1["elements"] if e["id"] == "kadis.s2.iku1")["capaian"] is None


def test_a_capaian_too_large_to_be_a_number_is_no_capaian(tmp_path):
    path = tmp_path / "k.json"
    path.write_text('{"organisasi": {"kode": "x", "nama": "X"}, "elemen": [{"id": "i", "jenis": "iki", '
                    '"uraian": "I", "target": 1e-300, "realisasi": 1e300}]}', encoding="utf-8")
    for fmt in ("text", "json"):
        result = run("score", path, "--format", fmt)
        assert result.exit_code == 0 and "Infinity" not in result.stdout
    assert json.loads(run("score", path, "--format", "json").stdout)["elements"][0]["capaian"] is None


def test_score_csv_is_inert_and_exact_for_spreadsheets(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text("organisasi: {kode: x, nama: X}\nelemen:\n"
                    "  - {id: i, jenis: iki, uraian: '=HYPERLINK(\"http://x\")', target: 1234567, realisasi: 617283.5}\n"
                    "  - {id: r, jenis: iki, uraian: Indeks, polaritas: rentang, target: 1234567-2345678}\n",
                    encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(run("score", path, "--format", "csv").stdout)))
    assert rows[0]["uraian"] == "'=HYPERLINK(\"http://x\")"
    assert (rows[0]["target"], rows[0]["realisasi"], rows[0]["capaian"]) == ("1234567", "617283.5", "50")
    assert rows[1]["target"] == "1234567-2345678"


def test_periode_is_read_whatever_its_case(tmp_path):
    path = small(tmp_path)
    lower, upper = run("score", path, "--periode", "tw1"), run("score", path, "--periode", "TW1")
    assert lower.exit_code == upper.exit_code == 0 and lower.stdout == upper.stdout and "periode TW1" in lower.stdout


# --- `cascade explain` wording: the weakest leaves and the missing-data policy ------------------

HEADER = SMALL[:SMALL.index("  - {id: iku1")]  # the organisation, its positions and sasaran s1


def explain_out(*args):
    result = CliRunner().invoke(main, ["explain", *map(str, args)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


def weakest_section(out):
    """The lines of the 'Ujung rantai yang paling menurunkan' section, empty when it is absent."""
    lines = out.splitlines()
    if "Ujung rantai yang paling menurunkan capaian turunan:" not in lines:
        return []
    start = lines.index("Ujung rantai yang paling menurunkan capaian turunan:") + 1
    section = []
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        section.append(line)
    return section


def cascade_file(tmp_path, elemen):
    path = tmp_path / "kaskade.yaml"
    path.write_text(HEADER + elemen, encoding="utf-8")
    return path


def test_leaves_above_100_percent_are_not_listed_as_pulling_down():
    out = explain_out(FIXTURES / "probolinggo.yaml", "kadis.s1")
    section = weakest_section(out)
    assert section, out
    assert all("menurunkan -" not in line for line in section), section
    assert any("(krpjs.s1.i1)" in line and "menurunkan 1,2 poin" in line for line in section), section
    assert not any("(kadis.s1.iku1)" in line or "(kpsfm.s1.i1)" in line for line in section), section
    assert [line.split(".")[0].strip() for line in section] == [str(n) for n in range(1, len(section) + 1)]


def test_when_no_leaf_pulls_down_the_section_says_so(tmp_path):
    path = cascade_file(tmp_path, """\
  - {id: i1, jenis: indikator, uraian: Jumlah PMKS didampingi, jabatan: kabid, induk: [s1], target: 100, realisasi: 110}
  - {id: i2, jenis: indikator, uraian: Jumlah PMKS dirujuk, jabatan: kabid, induk: [s1], target: 10, realisasi: 10}
""")
    out = explain_out(path, "s1")
    assert "Ujung rantai yang paling menurunkan" not in out
    assert "menurunkan -" not in out and "menurunkan 0 poin" not in out
    assert "Tidak ada ujung rantai yang menurunkan capaian turunan" in out


@pytest.mark.parametrize("kosong", ["nol", "lewati"])
def test_policy_is_not_claimed_for_an_element_without_supporters(kosong):
    out = explain_out(FIXTURES / "probolinggo.yaml", "kadis.s1.iku1", "--kosong", kosong)
    line = next(line for line in out.splitlines() if line.startswith("Capaian turunan dari pendukung:"))
    assert "pendukung tanpa data" not in line, line
    assert "tidak memiliki pendukung" in line, line


def test_policy_is_not_claimed_when_every_supporter_weighs_zero(tmp_path):
    path = cascade_file(tmp_path, """\
  - {id: i1, jenis: indikator, uraian: Jumlah PMKS didampingi, jabatan: kabid, induk: [s1], target: 100, bobot: 0}
""")
    line = next(line for line in explain_out(path, "s1", "--kosong", "nol").splitlines()
                if line.startswith("Capaian turunan dari pendukung:"))
    assert "dihitung 0" not in line and "tidak berlaku" in line, line


@pytest.mark.parametrize(("kosong", "policy"), [("nol", "pendukung tanpa data dihitung 0, kecuali program/kegiatan"),
                                                 ("lewati", "pendukung tanpa data dilewati dan bobot dinormalkan")])
def test_policy_is_stated_for_an_element_with_supporters(kosong, policy):
    out = explain_out(FIXTURES / "probolinggo.yaml", "kadis.s1", "--kosong", kosong)
    line = next(line for line in out.splitlines() if line.startswith("Capaian turunan dari pendukung:"))
    assert line.endswith(f"({policy})"), line


def test_a_ratio_target_is_shown_with_its_decimals(tmp_path):
    """A target of 1,125 (a ratio) was shown as 1,1 in the score table, the tree and the matrix."""
    path = tmp_path / "rasio.yaml"
    path.write_text(HEADER + '  - {id: r1, jenis: indikator, uraian: Rasio layanan, jabatan: kadis, induk: [s1], '
                             'target: "1,125", realisasi: "0,95"}\n', encoding="utf-8")
    assert "1,125" in run("score", path).stdout and "0,95" in run("score", path).stdout
    assert "Target 1,125, realisasi 0,95" in run("explain", path, "r1").stdout
    matrix = tmp_path / "matriks.md"
    assert run("matrix", path, "-o", matrix).exit_code == 0 and "| 1,125 | 0,95 |" in matrix.read_text(encoding="utf-8")


def test_explain_says_when_batas_lowered_a_value():
    out = run("explain", FIXTURES / "probolinggo.yaml", "kadis.s1.iku1", "--batas", "100").stdout
    assert "Target 85, realisasi 88: capaian langsung 103,5%, dibatasi menjadi 100% (--batas)" in out
    plain = run("explain", FIXTURES / "probolinggo.yaml", "kadis.s1.iku1").stdout
    assert "capaian langsung 103,5%\n" in plain and "dibatasi" not in plain


def test_explain_shows_the_quarters_a_value_was_cumulated_from(tmp_path):
    path = cascade_file(tmp_path, """\
  - {id: i1, jenis: indikator, uraian: Jumlah KPM dilayani, jabatan: kabid, induk: [s1], satuan: orang, target: 400}
capaian:
  - {id: i1, periode: TW1, target: 100, realisasi: 80}
  - {id: i1, periode: TW2, target: 100, realisasi: 120}
  - {id: i1, periode: TW3, realisasi: 90}
  - {id: i1, periode: TW4, target: 100, realisasi: 100}
""")
    lines = explain_out(path, "i1", "--periode", "TW3").splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("Dari tabel capaian"))
    assert lines[start] == ("Dari tabel capaian (indikator hitungan: realisasi TW1 s.d. TW3 dijumlahkan, dibandingkan "
                           "dengan target tahunan elemen karena ada triwulan berealisasi tanpa target):")
    assert lines[start + 1:start + 4] == ["  TW1: target 100, realisasi 80", "  TW2: target 100, realisasi 120",
                                          "  TW3: target -, realisasi 90"]
    assert "Target 400, realisasi 290" in lines[3]
    tw2 = explain_out(path, "i1", "--periode", "TW2")
    assert "target tahunan" not in tw2 and "TW3" not in tw2


def test_explain_tells_a_target_of_zero_no_supporters_and_weightless_ones(tmp_path):
    path = cascade_file(tmp_path, """\
  - {id: i1, jenis: indikator, uraian: Jumlah PMKS didampingi, jabatan: kabid, induk: [s1], target: 0, realisasi: 5}
  - {id: i2, jenis: indikator, uraian: Jumlah PMKS dirujuk, jabatan: kabid, induk: [s1], target: 10, realisasi: 5, bobot: 0}
""")
    zero = explain_out(path, "i1")
    assert "(target 0: tidak ada capaian langsung)" in zero and "Capaian yang dipakai: - (target 0)" in zero
    assert "Elemen ini tidak memiliki pendukung." in zero and "dengan data capaian" not in zero
    parent = explain_out(path, "s1")
    assert "Tidak dihitung karena bobotnya 0 atau kurang: 'Jumlah PMKS dirujuk' (i2)" in parent


def test_explain_shows_the_quarters_behind_a_yearly_value_and_how_far_they_go(tmp_path):
    path = cascade_file(tmp_path, """\
  - {id: i1, jenis: indikator, uraian: Jumlah KPM dilayani, jabatan: kabid, induk: [s1], satuan: orang, target: 400}
  - {id: i2, jenis: indikator, uraian: Jumlah KPM dirujuk, jabatan: kabid, induk: [s1], satuan: orang, target: 40,
     realisasi: 30}
capaian:
  - {id: i1, periode: TW1, target: 100, realisasi: 80}
  - {id: i1, periode: TW2, target: 100, realisasi: 120}
  - {id: i2, periode: TW1, target: 10, realisasi: 5}
""")
    out = explain_out(path, "i1")
    assert "realisasi tahunan belum ada dan baru sampai TW2 yang terisi" in out
    assert "  TW2: target 100, realisasi 120" in out
    assert "Dari tabel capaian" not in explain_out(path, "i2")  # its own yearly realisasi stands


def test_explain_follows_the_yearly_row_only_when_it_has_a_realisasi(tmp_path):
    path = cascade_file(tmp_path, """\
  - {id: i1, jenis: indikator, uraian: Jumlah KPM dilayani, jabatan: kabid, induk: [s1], satuan: orang}
capaian:
  - {id: i1, periode: "2025", target: 400}
  - {id: i1, periode: TW1, target: 100, realisasi: 80}
  - {id: i1, periode: TW2, realisasi: 120}
""")
    out = explain_out(path, "i1")
    assert "  TW1: target 100, realisasi 80" in out  # the yearly row gives the target, the quarters the realisasi
    tw2 = explain_out(path, "i1", "--periode", "TW2")
    assert "elemen tidak bertarget tahunan: tidak ada capaian" in tw2
    assert "dibandingkan dengan target tahunan" not in tw2


def test_score_without_any_capaian_says_what_to_fill_in(tmp_path):
    path = cascade_file(tmp_path, "  - {id: i1, jenis: indikator, uraian: Jumlah A, jabatan: kabid, induk: [s1], target: 5}\n")
    assert ("Belum ada realisasi sampai TW2: isi baris TW1 s.d. TW2 di tabel capaian (kolom realisasi di tabel elemen "
            "hanya dipakai untuk periode tahunan).") in run("score", path, "--periode", "TW2").stdout
    assert ("Belum ada realisasi tahunan: isi kolom realisasi (dan target) di tabel elemen, baris tahunan di tabel "
            "capaian, atau baris TW1 s.d. TW4 di tabel capaian.") in run("score", path).stdout
    assert "baris 2025 di tabel capaian (baris tahun lain dianggap riwayat)" in no_realisasi_note("tahunan", 2025)
    assert "Belum ada realisasi" not in run("score", FIXTURES / "probolinggo.yaml").stdout
    zero = cascade_file(tmp_path, "  - {id: i1, jenis: indikator, uraian: Jumlah A, jabatan: kabid, induk: [s1], "
                                  "target: 0, realisasi: 3}\n")
    assert "Belum ada realisasi" not in run("score", zero).stdout  # entered, only not measurable
