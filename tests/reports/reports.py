"""Shared helpers for the report-definition tests (tests/reports/*_test.py):
the hostile tests' helpers (copy a portfolio, run the binary, assert a
located error) and the built-in definitions read as data."""
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))

from hostile import (AS_OF, EXAMPLE, EXIT_INVALID, EXIT_OK, ROOT, SECOND, Case,  # noqa: E402,F401
                     main, run)

PERSONAS = ROOT / "personas"


def definition(report):
    """The definition a [[reports]] table resolves to: its built-in persona or
    template (personas/NAME.toml) with the table's own keys over it."""
    base = {}
    name = report.get("persona") or report.get("template")
    if name:
        base = tomllib.loads((PERSONAS / f"{name}.toml").read_text(encoding="utf-8"))
    merged = dict(base)
    for key, value in report.items():
        if key == "budget":
            merged["budget"] = {**base.get("budget", {}), **value}
        else:
            merged[key] = value
    return merged


def reports_of(portfolio):
    """The [[reports]] of a portfolio folder, each resolved by definition()."""
    config = tomllib.loads((Path(portfolio) / "portfolio.toml").read_text(encoding="utf-8"))
    return [definition(r) for r in config["reports"]]
