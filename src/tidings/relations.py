"""Relations: what the stored events add up to between two countries (or organisations), as DataFrames.

A dyad is two codes (ISO countries, or PLOVER codes such as UNO, EUR). Its timeline lists every event
from one to the other, in either direction, and every event the two did together without a recipient
("Japan and Sweden agreed ...", for the types that are often written so: CONSULT, AGREE, COOPERATE).
Events count once however many articles reported them; negated and hypothetical ones are left out
unless asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .store import event_filter

if TYPE_CHECKING:
    import pandas as pd

    from .store import Store

QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}
PERIODS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}


def _dyad_rows(store: "Store", a: str, b: str, one_a_day: bool = False, **filters) -> tuple[str, list]:
    """SQL for a dyad's rows of ``dyad_events`` with a ``direction`` column, and its parameters."""
    a, b = a.upper(), b.upper()
    where, params = event_filter(**filters)
    qualify = (" QUALIFY row_number() OVER (PARTITION BY coalesce(date::VARCHAR, event_id), actor_code, "
               "recipient_code, coalesce(cameo, event) ORDER BY event_id) = 1") if one_a_day else ""
    sql = (f"SELECT CASE WHEN mutual THEN ? || ' <-> ' || ? ELSE actor_code || ' -> ' || recipient_code END "
           f"AS direction, * FROM dyad_events WHERE ((actor_code = ? AND recipient_code = ?) OR "
           f"(actor_code = ? AND recipient_code = ?)) AND {where}{qualify}")
    return sql, [a, b, a, b, b, a, *params]


def dyad_timeline(store: "Store", a: str, b: str, **filters) -> "pd.DataFrame":
    """Every event between ``a`` and ``b``, by date: date, direction ("JPN -> SWE", "SWE -> JPN", "JPN <-> SWE"),
    type, mode, CAMEO, quad code, intensity, Goldstein, summary, reports, articles, sources, event id.
    ``filters``: as :func:`tidings.store.event_filter`, and ``one_a_day``."""
    sql, params = _dyad_rows(store, a, b, **filters)
    return store.sql(
        f"SELECT date, direction, event, mode, cameo, quad_code, intensity, goldstein, summary, n_reports, "
        f"n_articles, n_sources, sources, event_id FROM ({sql}) ORDER BY date NULLS LAST, event_id", params)


def dyad_summary(store: "Store", a: str, b: str, period: str = "month", **filters) -> "pd.DataFrame":
    """A dyad by period (``day``, ``week``, ``month``, ``year``): events, counts by quad class (PLOVER's quad
    of the type: verbal/material cooperation/conflict), net PLOVER intensity (sum), Goldstein total and
    mean. Every period from the first to the last is a row, those without events with zero counts and
    totals (and no mean), so the frame is a time series. Undated events are left out."""
    if period not in PERIODS:
        raise ValueError(f"period: one of {', '.join(PERIODS)}, not {period!r}")
    sql, params = _dyad_rows(store, a, b, **filters)
    quads = ", ".join(f"count(*) FILTER (WHERE quad_code = {q}) AS {name}" for q, name in QUADS.items())
    frame = store.sql(
        f"SELECT strftime(date, '{PERIODS[period]}') AS {period}, count(*) AS events, {quads}, "
        f"round(sum(intensity), 2) AS net_intensity, round(sum(goldstein), 2) AS goldstein_total, "
        f"round(avg(goldstein), 2) AS goldstein_mean FROM ({sql}) WHERE date IS NOT NULL "
        f"GROUP BY 1 ORDER BY 1", params)
    return _every_period(frame, period)


def _every_period(frame: "pd.DataFrame", period: str) -> "pd.DataFrame":
    """The summary with a row of zeros for each period between its first and last that had no events."""
    if frame.empty:
        return frame
    import pandas as pd

    starts = frame[period]
    if period == "week":  # "2024-W49": the Monday of that ISO week
        starts = pd.to_datetime(starts + "-1", format="%G-W%V-%u")
    freq = {"day": "D", "week": "W-SUN", "month": "M", "year": "Y"}[period]
    span = pd.period_range(pd.Period(min(starts), freq), pd.Period(max(starts), freq), freq=freq)
    labels = [p.start_time.strftime(PERIODS[period]) for p in span]
    full = frame.set_index(period).reindex(labels)
    counts = [c for c in full.columns if c != "goldstein_mean"]
    full[counts] = full[counts].fillna(0)
    full["events"] = full["events"].astype(int)
    for name in QUADS.values():
        full[name] = full[name].astype(int)
    return full.rename_axis(period).reset_index()


def top(store: "Store", what: str = "dyads", limit: int = 10, **filters) -> "pd.DataFrame":
    """The most active ``dyads`` (pairs, either direction, by events) or ``actors`` (codes, by events as
    actor or recipient), with counts by cooperation and conflict and net intensity."""
    where, params = event_filter(**filters)
    if what == "dyads":
        return store.sql(
            "SELECT least(actor_code, recipient_code) AS side_a, greatest(actor_code, recipient_code) AS side_b, "
            "count(DISTINCT event_id) AS events, count(DISTINCT event_id) FILTER (WHERE quad_code <= 2) AS "
            "cooperation, count(DISTINCT event_id) FILTER (WHERE quad_code >= 3) AS conflict, "
            "round(sum(intensity), 2) AS net_intensity, sum(n_articles) AS articles, min(date) AS first, "
            f"max(date) AS last FROM dyad_events WHERE {where} GROUP BY 1, 2 "
            "ORDER BY events DESC, side_a, side_b LIMIT ?", [*params, limit])
    if what == "actors":
        return store.sql(
            "WITH sides AS (SELECT event_id, unnest(actor_codes) AS code, 'actor' AS role, quad_code, intensity "
            f"FROM events WHERE {where} UNION ALL SELECT event_id, unnest(recipient_codes), 'recipient', "
            f"quad_code, intensity FROM events WHERE {where}) "
            "SELECT code, count(DISTINCT event_id) AS events, count(DISTINCT event_id) FILTER (WHERE role = "
            "'actor') AS as_actor, count(DISTINCT event_id) FILTER (WHERE role = 'recipient') AS as_recipient, "
            "count(DISTINCT event_id) FILTER (WHERE quad_code <= 2) AS cooperation, count(DISTINCT event_id) "
            "FILTER (WHERE quad_code >= 3) AS conflict FROM sides WHERE code <> 'UNK' GROUP BY code "
            "ORDER BY events DESC, code LIMIT ?", [*params, *params, limit])
    raise ValueError(f"top: 'dyads' or 'actors', not {what!r}")


def plot_dyad(store: "Store", a: str, b: str, path: str | Path, period: str = "month", **filters) -> int:
    """Draw a dyad's cooperation–conflict series to an image file (PNG, SVG or PDF by its suffix): events
    by quad class as stacked bars (cooperation up, conflict down) and net Goldstein as a line. Returns the
    number of periods drawn (0: nothing to draw, no file written)."""
    frame = dyad_summary(store, a, b, period=period, **filters)
    if frame.empty:
        return 0
    import matplotlib

    matplotlib.use("Agg")  # files only: no display needed
    import matplotlib.pyplot as plt

    x = range(len(frame))
    fig, ax = plt.subplots(figsize=(max(6.0, 0.45 * len(frame) + 2), 4.2))
    colours = {"verbal_cooperation": "#9ecae1", "material_cooperation": "#3182bd",
               "verbal_conflict": "#fc9272", "material_conflict": "#de2d26"}
    up = [0] * len(frame)
    down = [0] * len(frame)
    for name, colour in colours.items():
        values = list(frame[name])
        conflict = "conflict" in name
        base = down if conflict else up
        heights = [-v for v in values] if conflict else values
        ax.bar(x, heights, bottom=base, color=colour, label=name.replace("_", " "))
        for i, h in enumerate(heights):
            base[i] += h
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("events (conflict below zero)")
    line = ax.twinx()
    line.plot(list(x), list(frame["goldstein_total"]), color="black", marker="o", label="net Goldstein")
    line.set_ylabel("net Goldstein")
    ax.set_xticks(list(x))
    ax.set_xticklabels(list(frame[period]), rotation=45, ha="right")
    ax.set_title(f"{a.upper()} and {b.upper()}: cooperation and conflict by {period}")
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = line.get_legend_handles_labels()
    ax.legend(handles + h2, labels + l2, fontsize="small", loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return len(frame)
