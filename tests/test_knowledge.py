"""Knowledge files: shipped data loads, validates, and users can extend it."""

import pytest

import tidings
from tidings.knowledge import KnowledgeError, load_knowledge

from conftest import codes, find


def test_shipped_tables_cover_the_world():
    k = load_knowledge()
    assert len(k.countries) >= 195
    for code_ in ("KOS", "PSE", "TWN", "HKG", "ESH"):
        assert code_ in k.countries
    for alias, code_ in [("U.S.", "USA"), ("Britain", "GBR"), ("DPRK", "PRK"), ("Ivory Coast", "CIV"),
                         ("Swedes", "SWE"), ("Filipino", "PHL"), ("Dutch", "NLD"), ("the Kremlin", "RUS")]:
        assert any(s.code == code_ for s in k.surfaces[alias]), alias
    assert k.roles["defence minister"].sector == "GOV"
    assert "MIL" in k.roles["defence minister"].other_sectors
    assert k.goldstein("111") == -2.0 and k.quad_class("173") == 4
    assert "Tokyo" in k.places


def test_user_folder_extends_countries_and_lexicon(tmp_path):
    (tmp_path / "organizations.tsv").write_text(
        "name\taliases\tcode\tcountry\tsector\tother_sectors\n"
        "Northern Alliance Front\tNAF\tAFG\tAFG\tREB\t\n", encoding="utf-8")
    (tmp_path / "lexicon.yaml").write_text(
        "verbs:\n  - lemmas: [chastise]\n    type: ACCUSE\n    cameo: '111'\n    recipient: [dobj]\n",
        encoding="utf-8")
    events = tidings.code_text("The NAF chastised Pakistan.", published="2024-01-01", data=[tmp_path])
    [e] = find(events, "ACCUSE")
    assert codes(e.actor) == ["AFG"] and e.actor[0].sector == "REB"
    assert codes(e.recipient) == ["PAK"]


def test_malformed_user_file_names_the_line(tmp_path):
    (tmp_path / "leaders.tsv").write_text(
        "name\taliases\tcountry\toffice\tsector\tother_sectors\tstart\tend\n"
        "Jane Doe\tDoe\tSWE\tminister\tGOV\t\t2020-13-01\t\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"leaders.tsv:2: column start"):
        load_knowledge([tmp_path])


def test_unknown_event_type_in_user_lexicon_is_rejected(tmp_path):
    (tmp_path / "lexicon.yaml").write_text("verbs:\n  - lemmas: [frob]\n    type: FROB\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown PLOVER type 'FROB'"):
        load_knowledge([tmp_path])


def test_other_coders_actor_codes_are_normalised(tmp_path):
    k = load_knowledge()
    pairs = [("JAP", "JPN"), ("jpn", "JPN"), ("GB", "GBR"), ("USAGOV", "USA"), ("IRNMIL", "IRN"), ("UKG", "GBR"),
             ("EU", "EUR"), ("UN", "UNO"), ("IGO", "IGO"), ("", None)]
    assert [k.normalize_code(a) for a, _ in pairs] == [b for _, b in pairs]
    (tmp_path / "code_aliases.tsv").write_text("alias\tcode\tnote\nRUM\tROU\tan older spelling\n", encoding="utf-8")
    assert load_knowledge([tmp_path]).normalize_code("RUMGOV") == "ROU"
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "code_aliases.tsv").write_text("alias\tcode\n\tROU\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"code_aliases.tsv:2: a code alias needs"):
        load_knowledge([broken])
