"""The JSON Schemas of the contract (docs/contract.md), shipped in the package."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document ``name`` as a dict, e.g.
    ``schema("grade")``; its ``$id`` carries the document version
    (``https://ecredit.dev/schemas/grade/1``). Names: :func:`schema_names`."""
    names = schema_names()
    if name not in names:
        raise KeyError(f"no schema '{name}' (known: {', '.join(names)})")
    text = resources.files("ecredit").joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def schema_names() -> list[str]:
    """The documents that have a schema, sorted."""
    folder = resources.files("ecredit").joinpath("schemas")
    suffix = ".schema.json"
    return sorted(p.name[: -len(suffix)] for p in folder.iterdir() if p.name.endswith(suffix))
