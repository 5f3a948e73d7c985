"""One-line loading of a run's tables for notebooks: ``load("outputs").indicators``.

Tables come back as pandas DataFrames with the dtypes of the Arrow schema (nullable integers,
dates, lists); ``.duckdb()`` gives a DuckDB connection with one view per table and ``.polars``
lazy frames.
"""

from __future__ import annotations

import sys
import types
from functools import cached_property
from pathlib import Path

import pandas as pd

from pipeline import store
from schemas import TABLES


class _CallableModule(types.ModuleType):
    """Importing this module binds ``pipeline.load`` to it, over the package's ``load`` function,
    so a later ``from pipeline import load`` (a notebook cell run twice) gets the module: calling
    it loads all the same."""

    def __call__(self, root: str | Path = "outputs") -> Output:
        return load(root)


sys.modules[__name__].__class__ = _CallableModule


class Output:
    """The tables of one output folder, loaded lazily on first access."""

    def __init__(self, root: str | Path = "outputs"):
        self.root = Path(root)
        if not self.root.is_dir():
            raise FileNotFoundError(f"no output folder at {self.root}")
        self._cache: dict[str, pd.DataFrame] = {}

    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; tables: {', '.join(TABLES)}")
        if name not in self._cache:
            table = store.read_table(self.root, name)
            df = table.to_pandas(types_mapper=_dtype)
            for field in table.schema:
                if str(field.type) == "date32[day]":
                    df[field.name] = pd.to_datetime(df[field.name])
            self._cache[name] = df
        return self._cache[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES:
            return self.table(name)
        raise AttributeError(name)

    def __dir__(self):
        return [*super().__dir__(), *TABLES]

    def duckdb(self):
        """A DuckDB connection with a view per table (a table without files is an empty, typed view)."""
        duckdb = _optional("duckdb")
        con = duckdb.connect()
        for name in TABLES:
            if self._has_files(name):
                glob = str(self.root / name / "*.parquet").replace("'", "''")
                con.execute(f"create view {name} as select * from read_parquet('{glob}', union_by_name=true)")
            else:
                con.from_arrow(store.arrow_schema(name).empty_table()).create_view(name)
        return con

    def panel(self) -> pd.DataFrame:
        """Indicators as a tidy panel: one row per figure with its area, period and canonical metric
        (scope, scope_adcode, scope_level, period, period_start, period_end, metric_id, metric_label,
        value, base_unit, doc_id, source, text). Rows without a metric_id are left out; runs written
        before schema 1.1 have no panel columns and give an empty frame."""
        from pipeline.extract.metrics import labels

        ind, docs = self.indicators, self.documents
        cols = ["scope", "scope_adcode", "scope_level", "period", "period_start", "period_end", "metric_id"]
        if not set(cols) <= set(ind.columns):
            return pd.DataFrame(columns=[*cols, *_PANEL_TAIL])
        out = ind[ind["metric_id"].notna()].merge(docs[["doc_id", "source"]], on="doc_id", how="left")
        out = out.assign(value=out["normalized_value"], metric_label=out["metric_id"].map(labels()))
        return out[[*cols, *_PANEL_TAIL]].reset_index(drop=True)

    @cached_property
    def polars(self):
        """Lazy polars frames per table: ``load(out).polars["indicators"].collect()`` (a table
        without files is an empty, typed frame)."""
        pl = _optional("polars")
        return {
            name: pl.scan_parquet(str(self.root / name / "*.parquet"))
            if self._has_files(name)
            else pl.from_arrow(store.arrow_schema(name).empty_table()).lazy()
            for name in TABLES
        }

    def _has_files(self, name: str) -> bool:
        return any((self.root / name).glob("*.parquet"))


def _optional(module: str):
    """duckdb and polars come with the notebook extra; without them, one line saying how to get them."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(
            f'{module} is not installed: pip install -e ".[notebook]" (or pip install {module})'
        ) from None


_PANEL_TAIL = ["metric_label", "value", "base_unit", "doc_id", "source", "text"]


def _dtype(arrow_type):
    """Nullable pandas dtypes for Arrow scalars, so ints with nulls stay ints."""
    import pyarrow as pa

    mapping = {
        pa.int64(): pd.Int64Dtype(),
        pa.string(): pd.StringDtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.float64(): pd.Float64Dtype(),
    }
    return mapping.get(arrow_type)


def load(root: str | Path = "outputs") -> Output:
    return Output(root)
