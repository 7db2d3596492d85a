"""The two seed documents, end to end, through the library and the command line."""

import csv
import io
import json
import subprocess
import sys
from datetime import date

import pytest

from conftest import EXAMPLES, FIXTURES, SEED1, SEED2, codes, find


@pytest.fixture(scope="module")
def seed1(seed_results):
    r = seed_results[SEED1.stem]
    assert r.error is None
    return r.events


@pytest.fixture(scope="module")
def seed2(seed_results):
    r = seed_results[SEED2.stem]
    assert r.error is None
    return r.events


def test_japan_and_sweden_agree_on_a_strategic_partnership(seed1):
    agree = [e for e in find(seed1, "AGREE") if "elevate" in e.mention.trigger]
    assert len(agree) == 1
    e = agree[0]
    assert codes(e.actor) == ["JPN", "SWE"]
    assert all(a.sector == "GOV" for a in e.actor)
    assert e.date == date(2024, 12, 4)
    assert e.place is not None and (e.place.name, e.place.country) == ("Tokyo", "JPN")
    assert "strategic partnership" in e.mention.sentence


def test_the_visit_and_meetings_are_consult(seed1):
    consult = find(seed1, "CONSULT")
    assert any(e.mode == "visit" and "SWE" in codes(e.actor) for e in consult)
    meetings = [e for e in consult if codes(e.actor) == ["JPN", "SWE"]]
    assert meetings and any(e.place and e.place.name == "Tokyo" for e in meetings)


def test_support_for_ukraine_sanctions_against_russia_condemnation_of_north_korea(seed1):
    [support] = find(seed1, "SUPPORT", recipient="UKR")
    assert codes(support.actor) == ["JPN", "SWE"]
    [sanction] = find(seed1, "SANCTION", recipient="RUS")
    assert codes(sanction.actor) == ["JPN", "SWE"]
    [accuse] = find(seed1, "ACCUSE", recipient="PRK")
    assert codes(accuse.actor) == ["JPN", "SWE"]
    assert accuse.mention.trigger == "condemned"
    for e in (support, sanction, accuse):
        assert e.date == date(2024, 12, 6)  # no date phrase: the dateline's publication date


def test_second_seed_meeting_support_and_endorsement_with_null_dates(seed2):
    [meeting] = [e for e in find(seed2, "CONSULT") if codes(e.actor) == ["JPN", "SWE"]
                 and e.place is not None]
    assert (meeting.place.name, meeting.place.country) == ("Stockholm", "SWE")
    assert {(a.code, a.sector) for a in meeting.actor} == {("JPN", "GOV"), ("SWE", "GOV")}
    assert all("MIL" in a.other_sectors for a in meeting.actor)
    [support] = find(seed2, "SUPPORT", recipient="UKR")
    assert codes(support.actor) == ["JPN", "SWE"]
    endorse = find(seed2, "SUPPORT", actor="JPN", recipient="SWE")
    assert endorse and any("endorsement" in e.mention.trigger for e in endorse)
    for e in seed2:
        assert e.date is None
        assert "no publication date" in e.date_how
    assert meeting.date_text == "Thursday"


def test_boilerplate_headlines_produce_no_events(seed_results):
    for r in seed_results.values():
        for e in r.events:
            for ent in e.actor + e.recipient:
                assert ent.code not in ("USA", "BRA", "CHN"), (e.event, e.mention.sentence)
            assert "Trump" not in e.mention.sentence


def test_every_event_carries_its_evidence(seed_results):
    for r in seed_results.values():
        for e in r.events:
            m = e.mention
            assert m.story_id == r.document.id
            assert m.sentence[m.trigger_start:m.trigger_end] == m.trigger
            for ent in e.actor + e.recipient:
                assert ent.start >= 0 and ent.how
            body = r.cleaned.body
            assert body[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "tidings", *args], capture_output=True, text=True)


def test_cli_codes_the_examples_folder_to_plover_json_lines():
    run = _cli("code", str(EXAMPLES))
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(records) >= 10
    required = {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text", "text",
                "text_info", "cite_info", "quad_code", "intensity", "cameo", "goldstein", "quad_class",
                "negated", "hypothetical", "future", "historical", "confidence"}
    for rec in records:
        assert required <= set(rec)
    assert len({r["id"] for r in records}) == len(records)
    assert "events from 2 documents" in run.stderr


def test_cli_counts_neither_negated_nor_hypothetical_events(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Japan condemned North Korea on Monday. The European Union could impose sanctions on Belarus. "
                     "Sweden did not condemn China.\n", encoding="utf-8")
    run = _cli("code", str(story))
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert sorted((r["event"], r["negated"], r["hypothetical"]) for r in records) == [
        ("ACCUSE", False, False), ("ACCUSE", True, False), ("SANCTION", False, True)]  # all written
    assert "1 event from 1 document (and 2 negated or hypothetical, written but not counted)" in run.stderr


def test_cli_csv_to_file(tmp_path):
    out = tmp_path / "events.csv"
    run = _cli("code", str(SEED1), "--format", "csv", "-o", str(out))
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert any(r["event"] == "ACCUSE" and r["recipient_code"] == "PRK" for r in rows)
    assert any(r["actor_code"] == "JPN;SWE" for r in rows)


def test_cli_bad_inputs_are_named_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "bad.jsonl").write_text('{"text": "Japan condemned North Korea."}\n{oops\n', encoding="utf-8")
    (tmp_path / "nav.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    run = _cli("code", str(tmp_path), str(SEED1))
    assert run.returncode == 1
    errors = [ln for ln in run.stderr.splitlines() if ln.startswith("tidings: error:")]
    assert len(errors) == 4
    assert any(f"{tmp_path / 'bad.jsonl'}:2:" in ln for ln in errors)
    assert any("empty.txt" in ln for ln in errors) and any("bin.txt" in ln for ln in errors)
    assert any("nav.html" in ln for ln in errors)
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert any(r["text_info"]["story_id"] == "bad:1" for r in records)
    assert any(r["text_info"]["story_id"] == SEED1.stem for r in records)


def test_two_workers_give_the_same_output_in_the_same_order(tmp_path):
    (tmp_path / "bad.jsonl").write_text(
        "".join(json.dumps({"id": f"n{i}", "text": t}) + "\n" for i, t in enumerate([
            "Japan condemned North Korea on Monday.", "", "Sweden praised Finland.",
            "Russian troops shelled Kharkiv.", "China and India held talks in Beijing."] * 8)) + "{oops\n",
        encoding="utf-8")
    one = _cli("code", str(tmp_path), str(SEED1), "--workers", "1")
    two = _cli("code", str(tmp_path), str(SEED1), "--workers", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout.count("\n") > 40
    errors = [ln for ln in two.stderr.splitlines() if ln.startswith("tidings: error:")]
    assert len(errors) == 9 and f"{tmp_path / 'bad.jsonl'}:41:" in errors[-1]


@pytest.mark.parametrize("command,example", [("code", "tidings code examples/"),
                                             ("eval", "tidings eval ../shared/data/plv_dev.tsv"),
                                             ("actors", "tidings actors check my_actors.yaml"),
                                             ("actors resolve", "tidings actors resolve"),
                                             ("actors check", "tidings actors check"),
                                             ("actors who", "tidings actors who Lavrov")])
def test_cli_help_has_examples(command, example):
    run = _cli(*command.split(), "--help")
    assert run.returncode == 0 and "Examples:" in run.stdout and example in run.stdout


def test_cli_broken_knowledge_file_is_a_usage_error_naming_the_line(tmp_path):
    (tmp_path / "roles.tsv").write_text("phrase\tsector\nwarlord\t\n", encoding="utf-8")
    for command in ("code", "eval"):
        target = str(SEED1) if command == "code" else str(FIXTURES / "eval" / "plv_gold.tsv")
        run = _cli(command, target, "--data", str(tmp_path))
        assert run.returncode == 2, run.stderr
        assert f"{tmp_path / 'roles.tsv'}:2: a role needs a phrase and a sector" in run.stderr
        assert "Traceback" not in run.stderr and run.stdout == ""
