"""The event store: idempotent ingestion, near-duplicate articles, cross-report merging, exports, dyads."""

import csv
import io
import json
import os
import re
import subprocess
import sys
import textwrap

import duckdb
import pytest
from click.testing import CliRunner

import tidings
from conftest import EXAMPLES, SEED1, SEED2
from tidings import neardup
from tidings.cli import main
from tidings.exports import GDELT_COLUMNS, POLECAT_COLUMNS
from tidings.store import Store, StoreError

# Short reports from several sites: two of one sanction (different words, different sites), a later
# sanction, a sanction of someone else, a denial, a meeting written two ways, two killings on one day.
ARTICLES = {
    "a": ("Japan imposed sanctions on Russia on Monday over its war in Ukraine, the foreign ministry said.",
          "2024-03-05T09:00", "https://wire-a.example/sanctions", "Wire A"),
    "b": ("The Japanese government announced new sanctions against Russia on Monday, officials in Tokyo said.",
          "2024-03-05T15:00", "https://paper-b.example/japan-russia", "Paper B"),
    "later": ("Japan imposed further sanctions on Russia on Thursday.", "2024-03-15T10:00",
              "https://wire-a.example/more-sanctions", "Wire A"),
    "tuesday": ("Japan imposed sanctions on Russia on Tuesday.", "2024-03-06T09:00",
                "https://paper-c.example/tuesday", "Paper C"),
    "other": ("Japan imposed sanctions on North Korea on Monday.", "2024-03-05T10:00",
              "https://paper-b.example/japan-nk", "Paper B"),
    "denial": ("Japan did not impose sanctions on Russia on Monday.", "2024-03-05T10:00",
               "https://paper-d.example/denial", "Paper D"),
    "met": ("Prime Minister Fumio Kishida met Swedish Prime Minister Ulf Kristersson in Tokyo on Monday.",
            "2024-03-05T10:00", "https://wire-a.example/meeting", "Wire A"),
    "talks": ("Japan and Sweden held talks in Tokyo on Monday.", "2024-03-05T12:00",
              "https://paper-b.example/talks", "Paper B"),
    "jenin": ("Israeli troops shot dead two Palestinian gunmen in Jenin on Monday, the army said.",
              "2024-03-05T09:00", "https://wire-a.example/jenin", "Wire A"),
    "nablus": ("Israeli soldiers killed a Palestinian militant in Nablus on Monday.", "2024-03-05T11:00",
               "https://paper-b.example/nablus", "Paper B"),
    "arrests": ("British police arrested three British men in London on Monday.", "2024-03-05T10:00",
                "https://paper-b.example/arrests", "Paper B"),
}
# one attack as four sites place it: nowhere, and in three different countries
PLACES = {
    "nowhere": "Russian forces attacked Ukrainian troops on Monday, the general staff said.",
    "kursk": "Russian forces attacked Ukrainian troops in Kursk on Monday.",
    "kharkiv": "Russian forces attacked Ukrainian troops near Kharkiv on Monday.",
    "belarus": "Russian forces attacked Ukrainian troops in Belarus on Monday.",
}


def syndicated_copy(text: str) -> str:
    """The story as another site prints it: its own menu, share line and footer around the same body."""
    return ("Home | World | Asia | Business\nShare this article\n" + text
            + "\nRead more from our correspondents\nAdvertisement\n© Example Wire Services")


@pytest.fixture(scope="module")
def coded():
    """Every test article coded once: name -> CodedDocument."""
    docs = [{"id": name, "text": text, "published": published, "url": url, "source": source}
            for name, (text, published, url, source) in ARTICLES.items()]
    seed1 = SEED1.read_text(encoding="utf-8")
    docs += [{"id": name, "text": text, "published": "2024-03-05T10:00", "url": f"https://{name}.example/",
              "source": name.title()} for name, text in PLACES.items()]
    docs.append({"id": "seed1-copy", "text": syndicated_copy(seed1), "url": "https://example-wire.example/jp-se",
                 "source": "Example Wire"})
    results = {r.document.id: r for r in tidings.code_documents(docs)}
    assert all(r.error is None for r in results.values())
    return results


@pytest.fixture
def seeds(seed_results):
    return [seed_results[SEED1.stem], seed_results[SEED2.stem]]


def fill(path, results, **options):
    with Store(path, **options) as store:
        for r in results:
            store.add(r)
        store.flush()
        return store.stats, store.counts()


def event_rows(path, **filters):
    with Store(path, read_only=True) as store:
        return store.events(**filters)


# ---- idempotence and near-duplicates ---------------------------------------------------------------
def test_the_same_corpus_twice_changes_nothing(tmp_path, seeds):
    db = tmp_path / "t.duckdb"
    first, once = fill(db, seeds)
    assert (first.articles, first.skipped) == (2, 0)
    assert once["reports"] == first.reports > 10
    again, twice = fill(db, seeds)
    assert (again.articles, again.skipped, again.reports) == (0, 2, 0)
    assert twice == once


def test_a_syndicated_copy_is_linked_and_its_events_count_once(tmp_path, seeds, coded):
    plain, once = fill(tmp_path / "once.duckdb", seeds)
    stats, counts = fill(tmp_path / "copies.duckdb", [*seeds, coded["seed1-copy"]])
    assert stats.near_duplicates == 1
    assert counts["articles"] == 3 and counts["stories"] == 2
    assert counts["events"] == once["events"]  # the same events, now with more reports
    assert counts["reports"] > once["reports"]
    events = event_rows(tmp_path / "copies.duckdb", dyad=("JPN", "SWE"))
    agree = events[events["summary"].str.contains("agreed to elevate")].iloc[0]
    assert (agree["n_reports"], agree["n_articles"], agree["n_stories"]) == (2, 2, 1)
    assert list(agree["sources"]) == ["Example Wire"]  # the seed file has no source; the copy's is listed
    with Store(tmp_path / "copies.duckdb", read_only=True) as store:
        link = store.sql("SELECT story_id, similarity FROM articles WHERE doc_id = 'seed1-copy'").iloc[0]
        first = store.sql(f"SELECT article_id FROM articles WHERE doc_id = '{SEED1.stem}'").iloc[0]
    assert link["story_id"] == first["article_id"] and link["similarity"] >= 0.5


def test_undated_copies_are_linked(tmp_path):
    """Articles without any date (as in many archives) are linked to their copies all the same."""
    text = ARTICLES["jenin"][0] + " The army said the men had opened fire on soldiers during an arrest raid."
    docs = [{"id": "w", "text": text, "source": "Wire A"},
            {"id": "c", "text": syndicated_copy(text), "source": "Paper B"}]
    with Store(tmp_path / "t.duckdb") as store:
        results = list(store.code(docs))
        store.flush()
        assert [r.cleaned.published for r in results] == [None, None]
        assert store.stats.near_duplicates == 1 and store.stats.reports == 4  # two events in each
        events = store.events()
    assert len(events) == 2 and list(events["n_articles"]) == [2, 2]
    assert all(list(s) == ["Paper B", "Wire A"] for s in events["sources"])


def test_near_duplicate_signatures():
    seed1 = SEED1.read_text(encoding="utf-8")
    seed2 = SEED2.read_text(encoding="utf-8")
    same = neardup.signature(seed1).similarity(neardup.signature(syndicated_copy(seed1)))
    other = neardup.signature(seed1).similarity(neardup.signature(seed2))
    assert same >= 0.8 and other < 0.2
    assert neardup.signature("Too short to judge.").bands == []
    # the estimate follows the true share of shared word 4-grams: half an article shares about half of them
    lines = seed1.splitlines()
    half = "\n".join(lines[:len(lines) // 2])
    words = re.findall(r"\w+", seed1.lower())
    grams = {" ".join(words[i:i + 4]) for i in range(len(words) - 3)}
    words = re.findall(r"\w+", half.lower())
    half_grams = {" ".join(words[i:i + 4]) for i in range(len(words) - 3)}
    true = len(grams & half_grams) / len(grams | half_grams)
    assert abs(neardup.signature(seed1).similarity(neardup.signature(half)) - true) < 0.15
    # two reports on one subject with a phrase in common ("the North Korean nuclear ...") are not copies
    a = ("China has said no date has been set for working-level talks on the North Korean nuclear crisis and gave "
         "no indication that the meeting has been canceled, Australian Foreign Minister Alexander Downer said.")
    b = ("Washington's top nuclear negotiator arrived in Seoul yesterday from China to brainstorm ways to "
         "jump-start the stalled six-nation disarmament talks on the North Korean nuclear standoff.")
    assert neardup.signature(a).similarity(neardup.signature(b)) < 0.2
    assert len(neardup.signature(seed1).bands) == neardup.BANDS


# ---- merging reports across articles ------------------------------------------------------------------
def test_two_sites_reporting_one_sanction_make_one_event(tmp_path, coded):
    db = tmp_path / "t.duckdb"
    fill(db, [coded[n] for n in ("a", "b", "later", "other", "denial")])
    events = event_rows(db, types="SANCTION")
    russia = events[events["recipient_codes"].map(lambda c: list(c) == ["RUS"])]
    assert len(russia) == 2  # Monday's, reported twice, and the next week's
    monday = russia[russia["date"].astype(str) == "2024-03-04"].iloc[0]
    assert (monday["n_reports"], monday["n_articles"], monday["n_sources"]) == (2, 2, 2)
    assert sorted(monday["sources"]) == ["Paper B", "Wire A"]
    assert len(events[events["recipient_codes"].map(lambda c: list(c) == ["PRK"])]) == 1
    everything = event_rows(db, types="SANCTION", include_uncounted=True)
    assert len(everything) == 4 and everything["negated"].sum() == 1  # the denial: its own event, not counted


def test_the_merge_window_is_a_knob(tmp_path, coded):
    wide, _ = fill(tmp_path / "w1.duckdb", [coded["a"], coded["tuesday"]], window=1)
    narrow, _ = fill(tmp_path / "w0.duckdb", [coded["a"], coded["tuesday"]], window=0)
    assert (wide.new_events, narrow.new_events) == (1, 2)


def test_a_meeting_written_two_ways_is_one_event(tmp_path, coded):
    stats, counts = fill(tmp_path / "t.duckdb", [coded["met"], coded["talks"]])
    assert stats.reports == 2 and counts["events"] == 1


@pytest.mark.parametrize("order", [["nowhere", "kursk", "kharkiv", "belarus"],
                                   ["kursk", "nowhere", "belarus", "kharkiv"]])
def test_an_event_keeps_to_the_places_its_reports_give(tmp_path, coded, order):
    """A report without a place joins an event anywhere, but once a report has placed the event in
    Kursk (Russia), a report of the same attack in Kharkiv (Ukraine) or in Belarus is another event."""
    db = tmp_path / "t.duckdb"
    fill(db, [coded[name] for name in order])
    events = event_rows(db)
    assert len(events) == 3
    assert sorted(events["n_reports"]) == [1, 1, 2]
    with Store(db, read_only=True) as store:
        places = store.sql("SELECT event_id, list(DISTINCT place_country) FILTER (WHERE place_country IS NOT NULL) "
                           "AS countries FROM reports GROUP BY event_id")
    assert all(len(c) == 1 for c in places["countries"])


def test_one_a_day(tmp_path, coded):
    db = tmp_path / "t.duckdb"
    fill(db, [coded["jenin"], coded["nablus"]])
    assert len(event_rows(db)) == 2  # two places: two events
    assert len(event_rows(db, one_a_day=True)) == 1  # one a day for the dyad and code
    with Store(db, read_only=True) as store:
        assert len(store.dyad("ISR", "PSE")) == 2 and len(store.dyad("ISR", "PSE", one_a_day=True)) == 1


# ---- interruption -----------------------------------------------------------------------------------
def consistent(db):
    """Every stored article has all its reports, every report its mentions and actors."""
    with Store(db, read_only=True) as store:
        bad = store.sql(
            "SELECT a.article_id FROM articles a LEFT JOIN reports r USING (article_id) "
            "GROUP BY a.article_id, a.n_reports HAVING count(r.report_id) <> a.n_reports "
            "UNION ALL SELECT r.report_id FROM reports r WHERE NOT EXISTS "
            "(SELECT 1 FROM mentions m WHERE m.report_id = r.report_id) OR NOT EXISTS "
            "(SELECT 1 FROM participants p WHERE p.report_id = r.report_id AND p.role = 'actor')")
        return bad.empty, store.counts()


def test_a_killed_run_leaves_the_store_consistent_and_a_rerun_completes_it(tmp_path, coded, seed_results):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, (text, published, url, source) in ARTICLES.items():
        (folder / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": text, "published": published,
                                                          "url": url, "source": source}) + "\n")
    db = tmp_path / "t.duckdb"
    # a process that commits every 3 articles and is killed (SIGKILL) after adding the 7th
    script = textwrap.dedent(f"""
        import os, signal
        from tidings.read import read_paths
        from tidings.store import Store
        store = Store({str(db)!r}, commit_every=3, commit_seconds=1e9)
        for n, result in enumerate(store.code(read_paths([{str(folder)!r}])), 1):
            if n == 7:
                os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == -9, proc.stderr
    ok, partial = consistent(db)
    assert ok and partial["articles"] == 6  # two whole transactions, the third lost with the process
    # the re-run (the CLI, as a user would) codes only what is missing and ends where one run ends
    result = CliRunner().invoke(main, ["code", str(folder), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "6 already stored and skipped" in result.output
    _, reference = fill(tmp_path / "ref.duckdb", [coded[n] for n in sorted(ARTICLES)])
    ok, final = consistent(db)
    assert ok and final == reference


def test_ctrl_c_keeps_what_was_coded(tmp_path, coded):
    names = sorted(ARTICLES)

    def interrupted():
        for n, name in enumerate(names):
            if n == 4:
                raise KeyboardInterrupt
            yield coded[name]

    db = tmp_path / "t.duckdb"
    with pytest.raises(KeyboardInterrupt):
        with Store(db, commit_every=100) as store:
            for r in interrupted():
                store.add(r)
    ok, partial = consistent(db)
    assert ok and partial["articles"] == 4  # closing on the interrupt commits the articles coded
    stats, _ = fill(db, [coded[n] for n in names])
    assert (stats.skipped, stats.articles) == (4, len(names) - 4)


# ---- exports ----------------------------------------------------------------------------------------
@pytest.fixture
def filled(tmp_path, seeds, coded):
    db = tmp_path / "t.duckdb"
    fill(db, [*seeds, *coded.values()])
    return db


def test_exports(filled, tmp_path):
    with Store(filled, read_only=True) as store:
        n_events = len(store.events())
        out = io.StringIO()
        assert store.export(out, "jsonl") == n_events
        records = [json.loads(line) for line in out.getvalue().splitlines()]
        assert {"event", "actor", "recipient", "num_articles", "sources", "event_id"} <= records[0].keys()
        # Monday's sanction: two sites, and Tuesday's report within the one-day window
        assert max(r["num_articles"] for r in records) == 3

        out = io.StringIO()
        store.export(out, "polecat", dyad=("JPN", "RUS"))
        rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
        assert rows[0][:len(POLECAT_COLUMNS)] == POLECAT_COLUMNS
        header = rows[0]
        body = [dict(zip(header, r)) for r in rows[1:]]
        assert body and all(r["Event Type"] == "SANCTION" for r in body)
        assert {r["Actor Country"] for r in body} == {"JPN", "JPN;SWE"}
        assert "740" in {r["Actor COW"].split(";")[0] for r in body}  # Japan's COW code

        out = io.StringIO()
        n_rows = store.export(out, "gdelt", country="ISR")
        rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
        assert rows[0] == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61 and n_rows == len(rows) - 1 == 2
        assert all(len(r) == 61 for r in rows)
        row = dict(zip(GDELT_COLUMNS, rows[1]))
        assert (row["Actor1CountryCode"], row["Actor2CountryCode"], row["SQLDATE"]) == ("ISR", "PSE", "20240304")
        assert row["EventRootCode"] == "18" and row["QuadClass"] == "4" and row["ActionGeo_FullName"]
        out = io.StringIO()
        store.export(out, "gdelt", country="GBR")  # a domestic event: police and the men they arrested
        rows = [dict(zip(GDELT_COLUMNS, r)) for r in csv.reader(io.StringIO(out.getvalue()), delimiter="\t")][1:]
        assert [(r["Actor1Code"], r["Actor2Code"]) for r in rows] == [("GBRCOP", "GBRCVL")]

        out = io.StringIO()
        store.export(out, "csv", since="2024-03-01", until="2024-03-31", country="RUS")
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert rows and all("RUS" in r["actor_codes"].split(";") + r["recipient_codes"].split(";")
                            and r["date"].startswith("2024-03") for r in rows)

        parquet = tmp_path / "e.parquet"
        assert store.export(parquet, "parquet") == n_events
        empty = tmp_path / "none.parquet"
        assert store.export(empty, "parquet", types="PROTEST") == 0
        # the dyad filter of exports is the dyads of `tidings dyad`
        assert set(store.events(dyad=("JPN", "SWE"))["event_id"]) == set(store.dyad("JPN", "SWE")["event_id"])
    assert duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchall() == [(n_events,)]
    for path in (parquet, empty):  # typed columns, whatever the rows
        types = {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()}
        assert (types["date"], types["sources"], types["actor_codes"]) == ("DATE", "VARCHAR[]", "VARCHAR[]")


# ---- relations --------------------------------------------------------------------------------------
def test_dyad_timeline_summary_and_top(filled, tmp_path):
    with Store(filled, read_only=True) as store:
        timeline = store.dyad("SWE", "JPN")
        months = store.dyad_months("JPN", "SWE")
        top = store.top("dyads", 3)
        actors = store.top("actors", 3)
    agree = timeline[timeline["summary"].str.contains("agreed to elevate")].iloc[0]
    assert agree["direction"] == "SWE <-> JPN" and str(agree["date"])[:10] == "2024-12-04"
    assert "JPN -> SWE" in set(timeline["direction"])  # Japan's endorsement of Sweden's NATO decision
    dated = timeline[timeline["date"].astype(str).str.startswith("2024-12")]
    december = months[months["month"] == "2024-12"].iloc[0]
    assert december["events"] == len(dated) and december["verbal_cooperation"] == len(dated)
    assert december["material_conflict"] == 0 and december["goldstein_total"] > 0
    assert list(months["month"]) == [f"2024-{m:02}" for m in range(3, 13)]  # a series: quiet months are zeros
    assert months.iloc[1]["events"] == 0 and months.iloc[0]["events"] == 1
    assert (top.iloc[0]["side_a"], top.iloc[0]["side_b"]) == ("JPN", "SWE")
    assert actors.iloc[0]["code"] == "JPN"
    png = tmp_path / "d.png"
    with Store(filled, read_only=True) as store:
        assert store.plot_dyad("JPN", "SWE", png) == 10
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ---- the commands -----------------------------------------------------------------------------------
def test_the_store_commands(tmp_path):
    db = str(tmp_path / "t.duckdb")
    run = CliRunner().invoke
    first = run(main, ["code", str(EXAMPLES), "--db", db, "--no-progress"])
    assert first.exit_code == 0 and "stored in" in first.output
    again = run(main, ["code", str(EXAMPLES), "--db", db, "--no-progress"])
    assert "0 new" in again.output and "2 already stored and skipped" in again.output
    dyad = run(main, ["dyad", "JPN", "SWE", "--db", db])
    assert dyad.exit_code == 0 and "JPN <-> SWE" in dyad.output and "2024-12" in dyad.output
    assert "agreed to elevate" in dyad.output and "undated" in dyad.output
    top = run(main, ["top", "--db", db])
    assert top.exit_code == 0 and top.output.splitlines()[1].split()[:2] == ["JPN", "SWE"]
    out = tmp_path / "e.tsv"
    export = run(main, ["export", "--db", db, "--format", "polecat", "-o", str(out), "--type", "SANCTION"])
    assert export.exit_code == 0 and len(out.read_text().splitlines()) == 2
    sql = run(main, ["sql", "SELECT count(*) AS n FROM articles", "--db", db, "--csv"])
    assert sql.output.splitlines() == ["n", "2"]
    lists = run(main, ["sql", "SELECT actor_codes FROM events WHERE len(actor_codes) = 2 LIMIT 1", "--db", db,
                       "--csv"])
    assert lists.output.splitlines() == ["actor_codes", "JPN;SWE"]
    assert "JPN <-> SWE" in run(main, ["dyad", "JPN", "SWE", "--db", db, "--csv"]).output
    assert run(main, ["sql", " ", "--db", db]).exit_code == 2
    nowhere = run(main, ["export", "--db", db, "--format", "csv", "-o", str(tmp_path / "no" / "e.csv")])
    assert nowhere.exit_code == 1 and "cannot write" in nowhere.output
    png = tmp_path / "p.png"
    assert run(main, ["plot", "dyad", "JPN", "SWE", "--db", db, "-o", str(png)]).exit_code == 0 and png.exists()


def test_store_errors_are_clear(tmp_path):
    run = CliRunner().invoke
    missing = run(main, ["dyad", "JPN", "SWE", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no such store" in missing.output
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INT)").close()
    wrong = run(main, ["top", "--db", str(other)])
    assert wrong.exit_code == 1 and "not a tidings store" in wrong.output
    with pytest.raises(StoreError, match="not a tidings store"):
        Store(other)
    bad_date = run(main, ["export", "--db", str(other), "--since", "last week"])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.output
    sql = run(main, ["sql", "SELECT nope FROM events", "--db", str(tmp_path / "none.duckdb")])
    assert sql.exit_code == 1
    assert not os.path.exists(tmp_path / "none.duckdb")  # reading never creates a store
