"""The portable percentile gives the same answer as percentile_cont."""

import statistics

import pytest
import sqlalchemy as sa
from flask import Flask

from caseflow.extensions import db
from caseflow.reports.sql import percentile

SAMPLES = {
    "one": [7],
    "two": [10, 20],
    "odd": [5, 1, 9, 3, 7],
    "ties": [4, 4, 4, 8, 8, 100, 2],
    "many": [(i * 37) % 101 for i in range(1, 60)],
}


def _table() -> sa.Subquery:
    rows = [
        sa.select(sa.literal(name, sa.String).label("g"), sa.literal(value, sa.Integer).label("v"))
        for name, values in SAMPLES.items()
        for value in values
    ]
    return sa.union_all(*rows).subquery("t")


def _portable(percent: int) -> dict[str, float]:
    t = _table()
    ranked = sa.select(
        t.c.g,
        t.c.v,
        sa.func.row_number().over(partition_by=t.c.g, order_by=t.c.v).label("rn"),
        sa.func.count().over(partition_by=t.c.g).label("n"),
    ).subquery()
    query = sa.select(
        ranked.c.g, percentile(ranked.c.v, ranked.c.rn, ranked.c.n, percent)
    ).group_by(ranked.c.g)
    return {g: float(v) for g, v in db.session.execute(query)}


def _expected(values: list[int], percent: int) -> float:
    if len(values) == 1:
        return float(values[0])
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


@pytest.mark.parametrize("percent", [10, 50, 90])
def test_percentile_interpolates_like_percentile_cont(app: Flask, percent: int) -> None:
    found = _portable(percent)
    for name, values in SAMPLES.items():
        assert found[name] == pytest.approx(_expected(values, percent)), name


@pytest.mark.postgres
@pytest.mark.parametrize("percent", [50, 90])
def test_percentile_matches_postgresql(app: Flask, percent: int) -> None:
    t = _table()
    native = sa.func.percentile_cont(percent / 100).within_group(t.c.v)
    expected = dict(db.session.execute(sa.select(t.c.g, native).group_by(t.c.g)).all())
    found = _portable(percent)
    assert found == {g: pytest.approx(float(v)) for g, v in expected.items()}
