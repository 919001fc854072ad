"""The tour notebook examples/python/tour.ipynb: built by examples/python/make_tour.py,
shipped executed (its charts read on GitHub), and running it again gives the same outputs,
with a chart image for every chart its source draws."""
import base64
import importlib.util
import io
import json
import pathlib
import re

import pytest

nbformat = pytest.importorskip("nbformat")

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "python" / "tour.ipynb"
# a cell that draws: pandas .plot, pyplot (its settings aside), an Axes or a Figure
DRAWS = re.compile(r"\.plot\b|\bplt\.(?!rcParams\b)|\bax\.|\bfig\b")


def builder():
    spec = importlib.util.spec_from_file_location("make_tour", ROOT / "examples" / "python" / "make_tour.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def shipped():
    return nbformat.read(NOTEBOOK, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def images(cell):
    return [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]


def check_outputs(nb):
    """No error, nothing on stderr (a missing glyph or font is a warning there), and one
    readable PNG for each plt.show() of the source; every cell that draws shows a chart."""
    from PIL import Image

    cells = code_cells(nb)
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1)), "not executed in order"
    charts = 0
    for i, c in enumerate(cells):
        outs = c.get("outputs", [])
        assert not [o for o in outs if o.output_type == "error"], (i, c.source)
        stderr = [o.text for o in outs if o.output_type == "stream" and o.name == "stderr"]
        assert not stderr, (i, stderr)
        shows = c.source.count("plt.show()")
        if DRAWS.search(c.source):
            assert shows >= 1, f"cell {i} draws but shows no chart"
        assert len(images(c)) == shows, (i, c.source)
        for o in images(c):
            img = Image.open(io.BytesIO(base64.b64decode(o.data["image/png"]))).convert("RGB")
            assert img.width >= 300 and img.height >= 200, img.size
            colours = img.getcolors(maxcolors=1 << 16)
            assert colours is None or len(colours) > 30, f"cell {i}: a blank chart"
        charts += shows
    assert charts >= 5  # grades, coverage, verdicts, measures, repair periods
    assert any(o.output_type in ("execute_result", "display_data") and "text/html" in o.get("data", {})
               for c in cells for o in c.outputs)  # the DataFrames


def without_images(nb):
    """The outputs of every code cell with the PNG bytes left out (they depend on the
    freetype and matplotlib builds; their presence is checked by check_outputs)."""
    out = []
    for c in code_cells(nb):
        cell = []
        for o in c.get("outputs", []):
            o = json.loads(json.dumps(o))
            o.get("data", {}).pop("image/png", None)
            o.pop("metadata", None)
            cell.append(o)
        out.append(cell)
    return out


def test_notebook_matches_its_builder():
    built = builder().build()
    nb = shipped()
    assert [(c.cell_type, c.id, c.source) for c in built.cells] == [(c.cell_type, c.id, c.source) for c in nb.cells]
    assert nb.metadata.get("kernelspec") == built.metadata["kernelspec"]


def test_shipped_notebook_has_its_outputs():
    """As GitHub shows it: executed, with its charts; no timings or kernel version."""
    nb = shipped()
    check_outputs(nb)
    assert nb.metadata["language_info"] == {"name": "python"}
    assert not [c.id for c in nb.cells if "execution" in c.metadata]
    printed = json.dumps(without_images(nb), ensure_ascii=False)
    assert "/tmp/" not in printed and "ecredit-tour-" not in printed  # no scratch paths


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # jupyter's own path-migration notices
def test_notebook_runs_and_gives_the_shipped_outputs():
    pytest.importorskip("nbclient")
    mod = builder()
    nb = mod.execute(mod.build())
    check_outputs(nb)
    assert without_images(nb) == without_images(shipped()), (
        "the shipped notebook is stale: python examples/python/make_tour.py --execute")
