"""The Python examples of the user guide run as written: a renamed function breaks this test, not the reader."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [(path.name, i, code) for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
            for i, code in enumerate(re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S))]


def test_the_guide_has_python_examples():
    assert EXAMPLES


@pytest.mark.parametrize(("name", "index", "code"), EXAMPLES, ids=[f"{n}-{i}" for n, i, _ in EXAMPLES])
def test_python_example_runs(tmp_path, monkeypatch, name, index, code):
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, f"{name} (contoh {index + 1})", "exec"), {})
    written = [p for p in tmp_path.iterdir() if p.name != "fixtures"]
    assert all(p.stat().st_size > 0 for p in written)
