"""`tidings eval`: the scorer on hand-made gold and predictions with known answers, then on real gold."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tidings import evaluate, load_knowledge

from conftest import FIXTURES

EVAL = FIXTURES / "eval"


def run(gold, predictions=None, fmt="plv"):
    k = load_knowledge()
    rows, problems = evaluate.read_gold(EVAL / gold, fmt)
    assert problems == []
    records, bad = evaluate.read_predictions(EVAL / predictions)
    assert bad == []
    return evaluate.score(rows, evaluate.group_predictions(rows, records), k, fmt)


def cli(*args):
    return subprocess.run([sys.executable, "-m", "tidings", "eval", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_unmark_gives_the_sentence_and_the_spans_of_nested_tags():
    text, spans = evaluate._unmark("<s><t>Iraqi</t> fighters</s> agreed to disarm.")
    assert text == "Iraqi fighters agreed to disarm."
    assert text[slice(*spans["s"])] == "Iraqi fighters" and text[slice(*spans["t"])] == "Iraqi"
    with pytest.raises(ValueError, match="not closed"):
        evaluate._unmark("<s>Japan condemned North Korea.")


def test_a_sentence_with_two_marked_pairs_is_two_rows_coded_once():
    rows, problems = evaluate.read_gold(EVAL / "plv_sample.tsv", "plv")
    assert problems == [] and [r.id for r in rows][-2:] == ["352", "352@9"]
    assert rows[-1].key == rows[-2].key == "352"
    assert rows[-1].target[0].text == "Kirkuk" and rows[-2].target[0].text == "the Kurdish Peshmerga"
    assert rows[0].source[0].text == "Ukraine" and rows[0].event == "ACCUSE"


def test_perfect_predictions_score_one_including_compound_reciprocal_and_yield():
    r = run("plv_gold.tsv", "plv_perfect.jsonl")
    assert r["micro"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert r["macro_f1"] == 1.0 and r["accuracy"] == 1.0 and r["coverage"] == 1.0 and r["matched"] == 1.0
    assert r["per_type"]["YIELD"]["correct"] == 1  # RETREAT predicted, YIELD in plv
    assert r["per_type"]["AGREE"] == {"support": 2, "predicted": 2, "correct": 2,
                                      "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert r["errors"] == []


def test_all_wrong_predictions_score_zero_and_fill_the_off_diagonal():
    r = run("plv_gold.tsv", "plv_wrong.jsonl")
    assert r["micro"]["f1"] == 0.0 and r["macro_f1"] == 0.0 and r["accuracy"] == 0.0
    assert r["matched"] == 1.0  # every row had an event between the right arguments, of the wrong type
    labels = r["confusion"]["labels"]
    assert r["confusion"]["rows"]["ACCUSE"][labels.index("SUPPORT")] == 1
    assert r["confusion"]["rows"]["CONSULT"][labels.index("REQUEST")] == 1
    assert all(counts[labels.index(g)] == 0 for g, counts in r["confusion"]["rows"].items())
    assert [e["id"] for e in r["errors"]] == ["1", "2", "3", "4", "5", "6"]
    assert r["per_type"]["SUPPORT"] == {"support": 0, "predicted": 1, "correct": 0,
                                        "precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_partial_predictions_count_misses_wrong_direction_and_confidence():
    r = run("plv_gold.tsv", "plv_partial.jsonl")
    # gold: ACCUSE, ASSAULT, AGREE, YIELD, CONSULT, AGREE
    # predicted: ACCUSE, NONE (reversed direction), NONE (no event), YIELD (CONCEDE), AGREE (more confident), AGREE
    assert r["micro"] == {"precision": 0.75, "recall": 0.5, "f1": 0.6}
    assert r["macro_f1"] == 0.5  # (1 + 0 + 0.5 + 1 + 0) / 5 gold types
    assert r["per_type"]["AGREE"]["precision"] == 0.5 and r["per_type"]["AGREE"]["recall"] == 0.5
    assert r["per_type"]["ASSAULT"]["predicted"] == 0
    assert r["coverage"] == round(5 / 6, 4) and r["matched"] == round(4 / 6, 4)
    none = r["confusion"]["labels"].index("NONE")
    assert r["confusion"]["rows"]["ASSAULT"][none] == 1 and r["confusion"]["rows"]["AGREE"][none] == 1
    errors = {e["id"]: e for e in r["errors"]}
    assert sorted(errors) == ["2", "3", "5"]
    assert errors["2"]["predicted"] == "NONE" and errors["2"]["events"][0].startswith("ASSAULT(Kharkiv")
    assert errors["3"]["events"] == []
    assert errors["5"]["predicted"] == "AGREE" and errors["5"]["matched"].startswith("AGREE(Ishiba")


def test_plover_gold_scores_codes_sectors_and_modes_with_normalised_codes():
    r = run("plover_gold.jsonl", "plover_pred.jsonl", fmt="plover")
    # JAP -> JPN and USAMIL -> USA are right; the protesters' missing code and CVL sector are wrong
    assert r["arguments"]["actor_code"] == {"correct": 2, "total": 2, "accuracy": 1.0}
    assert r["arguments"]["recipient_code"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert r["arguments"]["actor_sector"]["accuracy"] == 1.0
    assert r["arguments"]["recipient_sector"]["accuracy"] == 0.5
    assert r["arguments"]["mode"] == {"correct": 2, "total": 2, "accuracy": 1.0}
    # the no-event sentence with a predicted SUPPORT is a false positive, outside the macro average
    assert r["micro"] == {"precision": round(2 / 3, 4), "recall": 1.0, "f1": 0.8}
    assert r["macro_f1"] == 1.0 and r["macro_over"] == 2 and r["accuracy"] == round(2 / 3, 4)
    errors = {e["id"]: e["problems"] for e in r["errors"]}
    assert errors == {"b": ["recipient_code", "recipient_sector"], "c": ["event"]}


def test_cli_scores_a_predictions_file_and_prints_json():
    out = cli(EVAL / "plv_gold.tsv", "--predictions", EVAL / "plv_partial.jsonl", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["micro"]["f1"] == 0.6 and report["rows"] == 6
    text = cli(EVAL / "plv_gold.tsv", "--predictions", EVAL / "plv_partial.jsonl", "--errors", "1")
    assert "macro F1 0.500" in text.stdout and "wrong rows: 3 (first 1;" in text.stdout
    assert "CONSULT" in text.stdout.split("confusion")[1]


def test_broken_gold_rows_are_named_and_the_rest_is_scored(tmp_path):
    gold = tmp_path / "gold.tsv"
    lines = (EVAL / "plv_gold.tsv").read_text().splitlines()
    lines.insert(2, "9\tNo marks here.\tNo marks here.\t\t\tACCUSE")
    gold.write_text("\n".join(lines) + "\n")
    out = cli(gold, "--predictions", EVAL / "plv_perfect.jsonl", "--json")
    assert out.returncode == 1
    assert f"{gold}:3: row skipped: marks neither" in out.stderr
    assert json.loads(out.stdout)["accuracy"] == 1.0
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\ttext\n1\thello\n")
    out = cli(bad)
    assert out.returncode == 2 and "not a plv file" in out.stderr


def test_eval_codes_real_gold_sentences(tmp_path):
    saved = tmp_path / "pred.jsonl"
    out = cli(EVAL / "plv_sample.tsv", "--json", "--save-predictions", saved)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["rows"] == 8
    wrong = {e["id"] for e in report["errors"]}
    # accuses / blamed -> ACCUSE; "Jordan and Britain have agreed" -> AGREE; "will meet" -> AGREE (future)
    assert not wrong & {"29", "95", "23", "543"}
    assert sum(sum(c) for c in report["confusion"]["rows"].values()) == 8
    assert len(wrong) == 8 - round(report["accuracy"] * 8)
    stories = {json.loads(line)["text_info"]["story_id"] for line in saved.open()}
    assert {"29", "95", "23", "543"} <= stories
    # the saved predictions score the same without coding again
    again = json.loads(cli(EVAL / "plv_sample.tsv", "--json", "--predictions", saved).stdout)
    assert again == report


def test_what_an_event_is_about_answers_a_target_that_is_no_actor():
    k = load_knowledge()
    text = "The OIC strongly condemned the bombing of a military academy in Tripoli."
    rows, problems = evaluate._read_plv(Path("x.tsv"), "id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"
                                        f"1\t{text}\t<s>The OIC</s> strongly condemned <t>the bombing of a military "
                                        "academy in Tripoli</t>.\tThe OIC\tthe bombing\tACCUSE\n")
    assert problems == []
    start = text.index("the bombing")
    record = {"event": "ACCUSE", "text": text, "text_info": {"story_id": "1", "about": {
        "text": text[start:-1], "offsets": [start, len(text) - 1]}},
        "actor": [{"actorText": "The OIC", "code": "IGO", "sector": "GOV", "offsets": [0, 7]}], "recipient": []}
    report = evaluate.score(rows, evaluate.group_predictions(rows, [record]), k, "plv")
    assert report["accuracy"] == 1.0
    del record["text_info"]["about"]  # without it there is no event between the two
    report = evaluate.score(rows, evaluate.group_predictions(rows, [record]), k, "plv")
    assert report["accuracy"] == 0.0
