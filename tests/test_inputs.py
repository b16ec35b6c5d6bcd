"""Input that cannot be read as a cascade: exit code 2 and a located message, never a traceback.

Every case runs through the CLI (`cascade check FILE`) as a planner would. The message must
name the file, where the problem is (line, CSV row or YAML path such as `elemen[1]`), the
column and the offending value, so the planner can fix the file without reading Python.
"""

import json
import re

import pytest
from click.testing import CliRunner

from cascade.cli import main
from models import Rentang, load_cascade

HEADER = """\
organisasi: {kode: uji, nama: Dinas Uji}
jabatan:
  - {id: kadis, nama: Kepala Dinas, eselon: II}
  - {id: kabid, nama: Kepala Bidang, eselon: III, atasan: kadis}
elemen:
"""
FIRST_ROW_LINE = 6  # the first elemen row written after HEADER sits on this line

SASARAN = "{id: s1, jenis: sasaran, uraian: Meningkatnya kualitas layanan sosial, jabatan: kadis}"


# --- helpers ----------------------------------------------------------------------------------


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def cascade_text(*rows, header=HEADER):
    """A small YAML cascade whose `elemen` rows are the given flow mappings, one per line."""
    return header + "".join(f"  - {row}\n" for row in rows)


def write_cascade(tmp_path, *rows, name="kaskade.yaml", header=HEADER):
    return write(tmp_path / name, cascade_text(*rows, header=header))


def run_check(*paths, args=()):
    return CliRunner().invoke(main, ["check", *map(str, paths), *args])


def all_output(result):
    """stdout and stderr together, whatever the click version keeps apart."""
    text = result.output
    try:
        err = result.stderr
    except ValueError:  # older click mixing stderr into output
        err = ""
    return text if err in text else text + err


def assert_unusable(result, *fragments):
    """Exit 2, no traceback, and every fragment appears in the output."""
    out = all_output(result)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in out
    assert result.exit_code == 2, out
    for fragment in fragments:
        assert fragment in out, f"{fragment!r} missing from:\n{out}"
    return out


# --- broken documents -------------------------------------------------------------------------


def test_broken_yaml_names_line_and_column(tmp_path):
    path = write(tmp_path / "rusak.yaml", HEADER.replace("elemen:\n", "elemen: [\n") + f"  - {SASARAN}\n")
    out = assert_unusable(run_check(path), str(path), "YAML rusak")
    match = re.search(r"baris (\d+), kolom (\d+)", out)
    assert match, out
    assert int(match.group(1)) in (FIRST_ROW_LINE - 1, FIRST_ROW_LINE)


def test_yaml_tab_indentation_names_line_and_column(tmp_path):
    path = write(tmp_path / "tab.yaml", HEADER + f"\t- {SASARAN}\n")
    assert_unusable(run_check(path), str(path), f"baris {FIRST_ROW_LINE}, kolom 1")


def test_invalid_json_names_line_and_column(tmp_path):
    path = write(tmp_path / "x.json", '{"organisasi": {"kode": "uji",\n "nama": }}')
    assert_unusable(run_check(path), str(path), "JSON rusak", "baris 2, kolom 10")


@pytest.mark.parametrize("content", ["", "   \n\n\t  \n"], ids=["empty", "whitespace-only"])
def test_empty_file(tmp_path, content):
    path = write(tmp_path / "kosong.yaml", content)
    assert_unusable(run_check(path), str(path), "kosong")


@pytest.mark.parametrize("content", ["# hanya komentar\n", "- a\n- b\n", "teks saja\n"],
                         ids=["comment-only", "list", "scalar"])
def test_document_that_is_not_a_mapping(tmp_path, content):
    path = write(tmp_path / "bukan.yaml", content)
    assert_unusable(run_check(path), str(path), "pemetaan")


def test_binary_file(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"organisasi:\x00\x01\x02\xff\xfe elemen")
    assert_unusable(run_check(path), str(path), "biner")


def latin1_cascade(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(cascade_text(SASARAN, "{id: s2, jenis: sasaran, uraian: Caf\u00e9 sosial}").encode("latin-1"))
    return path


def test_latin1_file_is_rejected_as_not_utf8(tmp_path):
    path = latin1_cascade(tmp_path)
    assert_unusable(run_check(path), str(path), "UTF-8")


def test_latin1_file_names_the_line_of_the_bad_byte(tmp_path):
    path = latin1_cascade(tmp_path)
    assert_unusable(run_check(path), str(path), f"baris {FIRST_ROW_LINE + 1}")


@pytest.mark.parametrize(("name", "text"), [
    ("dalam.yaml", "elemen: " + "[" * 1000 + "]" * 1000 + "\n"),
    ("dalam.json", '{"elemen": ' + "[" * 100_000 + "]" * 100_000 + "}"),
])
def test_deeply_nested_input_is_a_clean_error(tmp_path, name, text):
    path = write(tmp_path / name, text)
    assert_unusable(run_check(path), str(path))


# --- files and folders ------------------------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "tidak_ada.yaml"
    assert_unusable(run_check(path), str(path), "tidak ditemukan")


def test_unsupported_extension(tmp_path):
    path = write(tmp_path / "x.txt", cascade_text(SASARAN))
    assert_unusable(run_check(path), str(path), ".yaml")


def test_folder_without_cascade_files(tmp_path):
    folder = tmp_path / "kosong"
    folder.mkdir()
    write(folder / "catatan.txt", "bukan kaskade")
    assert_unusable(run_check(folder), str(folder), "tidak berisi file kaskade")


def test_one_broken_file_among_several_still_reports_the_good_one(tmp_path):
    good = write_cascade(tmp_path, SASARAN, name="baik.yaml",
                         header=HEADER.replace("Dinas Uji", "Dinas Baik"))
    bad = write_cascade(tmp_path, "{id: s1, jenis: sasaran, uraian: A, warna: merah}", name="rusak.yaml")
    result = run_check(good, bad)
    assert_unusable(result, str(bad), "warna")
    assert "Dinas Baik" in result.stdout


def test_json_of_several_files_stays_an_array_when_one_is_broken(tmp_path):
    good = write_cascade(tmp_path, SASARAN, name="baik.yaml")
    bad = write(tmp_path / "rusak.yaml", "")
    result = run_check(good, bad, args=["--format", "json"])
    assert result.exit_code == 2
    assert isinstance(json.loads(result.stdout), list)


# --- wrong types and values -------------------------------------------------------------------


def test_target_that_is_not_a_number(tmp_path):
    path = write_cascade(tmp_path, SASARAN,
                         "{id: iku1, jenis: indikator, uraian: Persentase PMKS, jabatan: kadis, induk: [s1], "
                         "target: seratus}")
    assert_unusable(run_check(path), str(path), f"elemen[1] (baris {FIRST_ROW_LINE + 1})",
                    "'target'", "seratus")


def test_unknown_jenis_lists_the_choices(tmp_path):
    path = write_cascade(tmp_path, "{id: i1, jenis: indikatorr, uraian: Persentase PMKS, jabatan: kadis}")
    out = assert_unusable(run_check(path), str(path), f"elemen[0] (baris {FIRST_ROW_LINE})",
                          "'jenis'", "indikatorr")
    assert "'indikator'" in out and "'sasaran'" in out


def test_elemen_given_as_a_mapping_instead_of_a_list(tmp_path):
    path = write(tmp_path / "peta.yaml", HEADER + f"  s1: {SASARAN}\n")
    assert_unusable(run_check(path), str(path), "elemen", "daftar")


def test_row_that_is_a_plain_string(tmp_path):
    path = write_cascade(tmp_path, SASARAN, "hanya sebuah kalimat")
    assert_unusable(run_check(path), str(path), f"elemen[1] (baris {FIRST_ROW_LINE + 1})",
                    "hanya sebuah kalimat")


def test_wrong_eselon_in_jabatan(tmp_path):
    header = HEADER.replace("eselon: III", "eselon: V")
    path = write_cascade(tmp_path, SASARAN, header=header)
    assert_unusable(run_check(path), str(path), "jabatan[1] (baris 4)", "'eselon'", "'V'")


def test_range_target_without_range_polarity(tmp_path):
    path = write_cascade(tmp_path, SASARAN,
                         "{id: iku1, jenis: indikator, uraian: Indeks kepuasan, jabatan: kadis, induk: [s1], "
                         "target: 60-80}")
    assert_unusable(run_check(path), str(path), "elemen[1]", "60-80", "rentang")


def test_target_given_as_a_mapping_is_not_called_missing(tmp_path):
    path = write_cascade(tmp_path, SASARAN,
                         "{id: iku1, jenis: indikator, uraian: Indeks kepuasan, jabatan: kadis, induk: [s1], "
                         "polaritas: rentang, target: {bawah: 60, atas: 80}}")
    out = assert_unusable(run_check(path), str(path), "elemen[1]", "'target'")
    assert "wajib diisi" not in out


# --- unknown keys ------------------------------------------------------------------------------


def test_unknown_column_in_an_elemen_row(tmp_path):
    path = write_cascade(tmp_path, "{id: s1, jenis: sasaran, uraian: A, jabatan: kadis, warna: merah}")
    assert_unusable(run_check(path), str(path), f"elemen[0] (baris {FIRST_ROW_LINE})", "'warna'",
                    "tidak dikenal")


def test_unknown_top_level_key(tmp_path):
    path = write(tmp_path / "kaskade.yaml", cascade_text(SASARAN) + "lampiran: [a, b]\n")
    assert_unusable(run_check(path), str(path), "'lampiran'", "tidak dikenal")


def test_key_written_twice_in_a_row(tmp_path):
    path = write_cascade(tmp_path, "{id: s1, jenis: sasaran, uraian: Pertama, uraian: Kedua, jabatan: kadis}")
    assert_unusable(run_check(path), str(path), "uraian")


# --- duplicate ids ------------------------------------------------------------------------------


def test_duplicate_ids_name_both_locations(tmp_path):
    header = HEADER.replace("elemen:\n", "  - {id: kadis, nama: Kepala Dinas Lain}\nelemen:\n")
    path = write_cascade(tmp_path, SASARAN, "{id: s1, jenis: sasaran, uraian: Sasaran lain, jabatan: kadis}",
                         header=header)
    out = assert_unusable(run_check(path), str(path))
    jabatan_line = next(line for line in out.splitlines() if "jabatan[2]" in line)
    assert "(baris 5)" in jabatan_line and "jabatan[0] (baris 3)" in jabatan_line and "'kadis'" in jabatan_line
    elemen_line = next(line for line in out.splitlines() if "elemen[1]" in line)
    assert "(baris 8)" in elemen_line and "elemen[0] (baris 7)" in elemen_line and "'s1'" in elemen_line


# --- missing required fields ----------------------------------------------------------------------


def test_missing_uraian_and_id_are_both_reported(tmp_path):
    path = write_cascade(tmp_path, "{id: s1, jenis: sasaran, jabatan: kadis}",
                         "{jenis: sasaran, uraian: Sasaran tanpa id, jabatan: kadis}")
    out = assert_unusable(run_check(path), str(path))
    assert re.search(r"elemen\[0\] \(baris 6\), kolom 'uraian': wajib diisi", out), out
    assert re.search(r"elemen\[1\] \(baris 7\), kolom 'id': wajib diisi", out), out


def test_missing_organisasi(tmp_path):
    path = write(tmp_path / "kaskade.yaml", f"elemen:\n  - {SASARAN}\n")
    assert_unusable(run_check(path), str(path), "organisasi")


def test_missing_elemen_table(tmp_path):
    path = write(tmp_path / "kaskade.yaml", HEADER.replace("elemen:\n", ""))
    assert_unusable(run_check(path), str(path), "elemen", "wajib")


def test_missing_field_in_organisasi(tmp_path):
    path = write_cascade(tmp_path, SASARAN, header=HEADER.replace("kode: uji, ", ""))
    assert_unusable(run_check(path), str(path), "organisasi", "'kode'", "wajib diisi")


def test_every_bad_row_is_reported(tmp_path):
    rows = [f"{{id: i{n}, jenis: indikator, uraian: Indikator {n}, jabatan: kadis, target: seratus}}"
            for n in range(20)]
    path = write_cascade(tmp_path, *rows)
    out = assert_unusable(run_check(path), str(path))
    located = [line for line in out.splitlines() if "elemen[" in line]
    assert len(located) == 20, out
    assert all("'target'" in line and "seratus" in line for line in located)


def test_problems_in_several_tables_are_reported_together(tmp_path):
    header = HEADER.replace("eselon: III", "eselon: V")
    path = write_cascade(tmp_path, "{id: s1, jenis: sasaranx, uraian: A}", header=header)
    out = assert_unusable(run_check(path), str(path), "jabatan[1]", "elemen[0]")
    assert "'V'" in out and "sasaranx" in out


# --- Indonesian numbers are accepted -----------------------------------------------------------------


@pytest.mark.parametrize(("written", "value"), [
    ('"1.000"', 1000.0), ("1.000", 1000.0), ('"12,5"', 12.5), ('"90%"', 90.0), ('"1.234,5"', 1234.5),
    ("12.5", 12.5), ("80", 80.0),
])
def test_indonesian_number_formats(tmp_path, written, value):
    path = write_cascade(tmp_path, SASARAN,
                         f"{{id: iku1, jenis: indikator, uraian: Persentase PMKS, jabatan: kadis, induk: [s1], "
                         f"target: {written}}}")
    (_, indikator) = load_cascade(path).elemen
    assert indikator.target == value


@pytest.mark.parametrize("written", ['"1,234.5"', '"12,345.67"', '"1.2,5"'])
def test_english_style_numbers_are_refused_not_misread(tmp_path, written):
    """`1,234.5` once read as 1.2345: a thousand times too small, silently."""
    path = write_cascade(tmp_path, SASARAN,
                         f"{{id: iku1, jenis: indikator, uraian: Persentase PMKS, jabatan: kadis, induk: [s1], "
                         f"target: {written}}}")
    assert_unusable(run_check(path), f"elemen[1] (baris {FIRST_ROW_LINE + 1}), kolom 'target'",
                    "tidak dikenal; tulis gaya Indonesia (1.234,5)")


def test_range_target_with_range_polarity(tmp_path):
    path = write_cascade(tmp_path, SASARAN,
                         "{id: iku1, jenis: indikator, uraian: Indeks kepuasan, jabatan: kadis, induk: [s1], "
                         "polaritas: rentang, target: 60-80}")
    (_, indikator) = load_cascade(path).elemen
    assert indikator.target == Rentang(lo=60, hi=80)
    assert run_check(path).exit_code != 2


def test_codes_and_nip_stay_text(tmp_path):
    header = HEADER.replace("eselon: II}", 'eselon: II, nip: "19680223 198803 1 001"}')
    path = write_cascade(tmp_path, "{id: p1, jenis: program, uraian: Program perlindungan, kode: 1.06.02}",
                         header=header)
    cascade = load_cascade(path)
    assert cascade.elemen[0].kode == "1.06.02"
    assert cascade.jabatan[0].nip == "19680223 198803 1 001"


# --- CSV folders ------------------------------------------------------------------------------------


def write_csv_folder(folder, elemen):
    folder.mkdir()
    write(folder / "organisasi.csv", "kunci,nilai\nkode,uji\nnama,Dinas Uji CSV\ntahun,2024\n")
    write(folder / "jabatan.csv", "id,nama,eselon,atasan\nkadis,Kepala Dinas,II,\nkabid,Kepala Bidang,III,kadis\n")
    write(folder / "elemen.csv", elemen)
    return folder


CSV_ELEMEN = (
    "id,jenis,uraian,jabatan,induk,target,formula,sumber data\n"
    "s1,sasaran,Meningkatnya kualitas layanan sosial,kadis,,,,\n"
    'iku1,indikator,Persentase PMKS tertangani,kadis,s1,"12,5",A / B x 100%,DTKS\n'
    "s2,sasaran,Meningkatnya rehabilitasi sosial,kabid,iku1;s1,,,\n"
)


def test_csv_folder_loads(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", CSV_ELEMEN)
    cascade = load_cascade(folder)
    assert cascade.organisasi.nama == "Dinas Uji CSV" and cascade.organisasi.tahun == 2024
    assert [j.id for j in cascade.jabatan] == ["kadis", "kabid"]
    s1, iku1, s2 = cascade.elemen
    assert iku1.target == 12.5 and iku1.sumber_data == "DTKS"
    assert s2.induk == ("iku1", "s1")
    result = run_check(folder)
    assert result.exit_code in (0, 1) and "Dinas Uji CSV" in result.output


def test_csv_unknown_column_names_file_header_and_row(tmp_path):
    elemen = CSV_ELEMEN.replace("sumber data\n", "sumber data,Warna\n").replace("DTKS\n", "DTKS,merah\n")
    folder = write_csv_folder(tmp_path / "csv", elemen)
    out = assert_unusable(run_check(folder), str(folder))
    line = next(line for line in out.splitlines() if "Warna" in line)
    assert "elemen.csv baris 1, kolom 'Warna'" in line and "di baris 3: 'merah'" in line


def test_csv_bad_value_names_file_row_column_and_value(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", CSV_ELEMEN.replace('"12,5"', "seratus"))
    assert_unusable(run_check(folder), str(folder), "elemen.csv baris 3", "'target'", "seratus")


def test_csv_not_utf8(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", "")
    (folder / "elemen.csv").write_bytes(CSV_ELEMEN.replace("Meningkatnya", "Caf\u00e9").encode("latin-1"))
    out = assert_unusable(run_check(folder), str(folder / "elemen.csv"))
    assert "utf-8" in out.lower()


def test_csv_row_with_more_cells_than_the_header(tmp_path):
    elemen = CSV_ELEMEN.replace("kabid,iku1;s1,,,\n", "kabid,iku1;s1,,,,sel berlebih\n")
    folder = write_csv_folder(tmp_path / "csv", elemen)
    assert_unusable(run_check(folder), str(folder), "elemen.csv baris 4")


@pytest.mark.parametrize(("name", "text", "said"), [
    ("titik-dua.yaml", "organisasi:\n  kode: x: y\n", "titik dua (:) tidak boleh di sini"),
    ("tab.yaml", "organisasi:\n\tkode: x\n", "tab untuk indentasi"),
    ("kutip.yaml", "organisasi: {kode: 'x\n", "tanda kutip atau kurung"),
    ("koma.json", '{"organisasi": {"kode": "x",}}', "nama kunci harus diapit tanda kutip ganda"),
    ("terpotong.json", '{"organisasi": ', "nilai diharapkan di sini"),
])
def test_broken_syntax_is_explained_in_indonesian(tmp_path, name, text, said):
    out = assert_unusable(run_check(write(tmp_path / name, text)), name, "baris", said)
    assert not re.search(r"expected|found|Expecting|Unterminated", out), out


def test_a_number_too_large_for_a_float_is_a_located_error(tmp_path):
    path = write(tmp_path / "besar.json", '{"organisasi": {"kode": "x", "nama": "X"}, "elemen": '
                                          '[{"id": "i", "jenis": "iki", "uraian": "I", "target": 1' + "0" * 400 + '}]}')
    assert_unusable(run_check(path), "besar.json", "elemen[0]", "'target'", "terlalu besar")


def test_the_same_capaian_period_twice_is_a_located_error(tmp_path):
    path = write(tmp_path / "ganda.yaml", "organisasi: {kode: x, nama: X}\nelemen:\n"
                 "  - {id: i, jenis: iki, uraian: I, satuan: orang}\ncapaian:\n"
                 "  - {id: i, periode: TW1, target: 25, realisasi: 20}\n"
                 "  - {id: i, periode: tw1, target: 25, realisasi: 20}\n")
    assert_unusable(run_check(path), "ganda.yaml", "capaian[1] (baris 6)", "capaian[0] (baris 5)", "TW1")


# --- parser problems said in Bahasa Indonesia ---------------------------------------------------

PARSERS_ENGLISH = re.compile(r"found|expected|could not|occurrence|Invalid|Input should|escape\b|unacceptable")


@pytest.mark.parametrize(("name", "content", "fragments"), [
    ("miring.yaml", 'organisasi: {kode: x, nama: "a\\q"}\n', ["baris 1, kolom", "garis miring terbalik"]),
    ("tag.yaml", "organisasi: !!python/object:os.system {kode: x}\n", ["baris 1, kolom 13", "tag YAML"]),
    ("dua.yaml", "organisasi: {kode: x}\n---\nelemen: []\n", ["baris 2", "lebih dari satu dokumen"]),
    ("jangkar.yaml", "a: &x 1\nb: &x 2\n", ["baris 2", "jangkar"]),
    ("kunci.yaml", "organisasi: {[1]: 2}\n", ["kunci harus berupa teks"]),
    ("kendali.yaml", "organisasi: \x07\n", ["baris 1", "U+0007"]),
    ("int.yaml", "organisasi: {kode: x, nama: X, tahun: !!int x}\nelemen: []\n", ["kolom 'tahun'", "angka"]),
    ("tanggal.yaml", "organisasi: {kode: x, nama: X, tahun: !!timestamp x}\nelemen: []\n", ["kolom 'tahun'", "angka"]),
    ("tak_hingga.yaml", "organisasi: {kode: x, nama: X, tahun: 1e400}\nelemen: []\n", ["kolom 'tahun'"]),
    ("miring.json", '{"organisasi": "a\\q"}', ["baris 1, kolom 18", "garis miring terbalik"]),
    ("unicode.json", '{"organisasi": "\\u12"}', ["heksadesimal"]),
    ("tak_hingga.json", '{"organisasi": {"kode": "x", "nama": "X", "tahun": 1e400}, "elemen": []}',
     ["kolom 'tahun'", "angka berhingga"]),
])
def test_parser_problems_are_located_and_said_in_indonesian(tmp_path, name, content, fragments):
    path = write(tmp_path / name, content)
    out = assert_unusable(run_check(path), str(path), *fragments)
    assert not PARSERS_ENGLISH.search(out), out


def test_a_file_the_system_refuses_to_read_names_the_cause_in_indonesian(tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    path = write(tmp_path / "rahasia.yaml", cascade_text(SASARAN))

    def refuse(self):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    out = assert_unusable(run_check(path), str(path), "tidak dapat dibaca: tidak ada izin membaca")
    assert "Permission" not in out


def test_a_missing_jabatan_table_is_one_error_not_a_finding_per_element(tmp_path):
    path = write(tmp_path / "tanpa_jabatan.yaml", "organisasi: {kode: uji, nama: Dinas Uji}\nelemen:\n"
                                                 f"  - {SASARAN}\n")
    out = assert_unusable(run_check(path), str(path), "kolom 'jabatan'", "tabel jabatan wajib ada")
    assert "K102" not in out
    no_owner = write(tmp_path / "tanpa_pemilik.yaml", "organisasi: {kode: uji, nama: Dinas Uji}\nelemen:\n"
                                                     "  - {id: s1, jenis: sasaran, uraian: Sasaran}\n")
    assert run_check(no_owner).exit_code != 2  # no element names an owner: nothing is missing


def test_choices_are_read_as_planners_type_them(tmp_path):
    """Excel's drop-down lists ignore case, so `IKI` and `Negatif` get past them: read them as meant."""
    header = HEADER.replace("eselon: II}", "eselon: JPT Pratama}").replace("eselon: III,", "eselon: III.a,")
    path = write_cascade(tmp_path, "{id: s1, jenis: Sasaran, uraian: Meningkatnya layanan, jabatan: kadis}",
                         "{id: i1, jenis: IKU, uraian: Angka kasus, jabatan: kadis, induk: [s1], polaritas: Negatif, "
                         "agregasi: Terakhir, target: 5}", "{id: p1, jenis: Sub-Kegiatan, uraian: Layanan, induk: [s1]}",
                         header=header)
    path.write_text(path.read_text(encoding="utf-8") + "capaian:\n  - {id: i1, periode: Triwulan II, realisasi: 4}\n",
                    encoding="utf-8")
    cascade = load_cascade(path)
    assert [j.eselon for j in cascade.jabatan] == ["II", "III"]
    assert [(e.jenis, e.polaritas, e.agregasi) for e in cascade.elemen] == [
        ("sasaran", "positif", None), ("iku", "negatif", "terakhir"), ("subkegiatan", "positif", None)]
    assert cascade.capaian[0].periode == "TW2"
    unknown = write_cascade(tmp_path, "{id: s1, jenis: Sasaran Strategis X, uraian: U}", name="salah.yaml")
    assert_unusable(run_check(unknown), "kolom 'jenis'", "'Sasaran Strategis X' tidak dikenal")
