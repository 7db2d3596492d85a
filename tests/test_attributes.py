"""Attribute stage: modes told by an event's words or its CAMEO code, contexts, story contexts."""

import pytest

import tidings
from tidings import load_knowledge
from tidings.knowledge import KnowledgeError

from conftest import code, codes, find


@pytest.mark.parametrize("text,etype,mode,cameo", [
    # ASSAULT: the weapon or the way
    ("Syrian government warplanes struck the rebel-held town of Douma on Sunday.", "ASSAULT", "aerial", "195"),
    ("Taliban suicide bombers killed 48 people in two separate attacks in Afghanistan on Tuesday.",
     "ASSAULT", "suicide-attack", None),
    ("Gunmen attacked a police station in southern Nigeria, killing four officers.", "ASSAULT", "firearms", None),
    ("Ukrainian forces shelled Russian positions near Bakhmut with artillery.", "ASSAULT", "heavy-weapons", None),
    ("Boko Haram fighters torched a village in Cameroon's Far North Region.", "ASSAULT", "destroy", None),
    # MOBILIZE: what is deployed
    ("Russia deployed nuclear-capable missiles to Belarus.", "MOBILIZE", "weapons", "150"),
    ("Kenya deployed riot police to the streets of Nairobi ahead of the protests.", "MOBILIZE", "police", "153"),
    ("China has massed troops along its border with India.", "MOBILIZE", "troops", "154"),
    # PROTEST, CONSULT, REJECT, REQUEST: the kind of dissent, meeting, refusal, demand
    ("A group of asylum-seekers has gone on hunger strike at a refugee centre in Kerry.", "PROTEST", "hunger", "142"),
    ("Leaders of France, Germany and Italy met in Rome on Friday.", "CONSULT", "multilateral", None),
    ("Iran rejected the European proposal for new talks on its nuclear programme.", "REJECT", "meet", None),
    ("Opposition parties in Peru demanded the resignation of President Dina Boluarte.", "REQUEST", "change", None),
    # the pattern's own mode stays; the mode CAMEO gives the code fills in
    ("Police arrested 30 opposition activists in Minsk on Saturday.", "COERCE", "arrest", None),
    ("Turkey condemned the Israeli raid on the al-Aqsa mosque.", "ACCUSE", "disapprove", None),
])
def test_the_words_of_an_event_give_its_mode(text, etype, mode, cameo):
    events = find(code(text), etype)
    assert events, [(e.event, e.mode, e.reason) for e in code(text)]
    e = events[0]
    assert e.mode == mode, e.reason
    assert e.mode in load_knowledge().plover["types"][etype]["modes"]
    if cameo:
        assert e.cameo == cameo and e.goldstein == load_knowledge().goldstein(cameo)


def test_the_reason_names_the_word_that_told_the_mode():
    [e] = find(code("Syrian government warplanes struck the rebel-held town of Douma on Sunday."), "ASSAULT")
    assert e.reason == "verb 'strike'; mode aerial ('warplane')"
    [e] = find(code("The United States issued an ultimatum to Iraq to disarm within 48 hours."), "THREATEN")
    assert e.reason.endswith("; mode relations (CAMEO 139)")  # no cue: the mode of the code the pattern gave


def test_an_event_without_a_cue_keeps_no_mode_and_its_generic_code():
    [e] = find(code("Israeli forces attacked the Jenin refugee camp on Monday."), "ASSAULT")
    assert e.mode is None and e.cameo == "190"


def test_contexts_come_from_words_code_sectors_and_the_title():
    [e] = find(code("The Russian army shelled the Kharkiv region overnight."), "ASSAULT")
    assert "military" in e.context  # the army's sector and the CAMEO code
    [e] = find(code("Kenya's parliament condemned the arrest of the journalist Ali Hassan by the Ethiopian "
                    "government."), "ACCUSE")
    assert "legislative" in e.context and "rights_freedoms" in e.context
    events = tidings.code_text("Japan and Sweden held talks in Tokyo on Monday.", published="2024-12-02",
                               title="Japan, Sweden to deepen ties on semiconductors")
    [e] = find(events, "CONSULT")
    assert "technology" in e.context  # the story is about chips
    [plain] = find(code("Japan and Sweden held talks in Tokyo on Monday."), "CONSULT")
    assert "technology" not in plain.context


def test_a_hunger_strike_is_no_air_strike_and_keeps_what_it_protests():
    [e] = code("A Kansas woman has started a hunger strike, protesting the state's unemployment system.")
    assert (e.event, e.mode) == ("PROTEST", "hunger")
    assert e.about[0] == "the state's unemployment system"  # the second mention says what about
    [e] = find(code("At least 23 civilians were killed as Syrian government forces launched air strikes against "
                    "the rebel-held enclave of Eastern Ghouta."), "ASSAULT", actor="SYR")
    assert e.mode == "aerial"


def test_a_change_of_ones_own_policy_is_no_concession():
    assert not find(code("Sweden reversed its long-standing policy of military non-alignment."), "CONCEDE")
    [e] = find(code("The court revoked the decision on pre-trial detention of former minister Ricardo Patino."),
               "CONCEDE")
    assert "Ricardo Patino" in e.about[0]


def test_a_users_modes_file_is_checked(tmp_path):
    (tmp_path / "modes.yaml").write_text("modes:\n  ASSAULT:\n    napalm: {cues: [napalm]}\n")
    with pytest.raises(KnowledgeError, match="'napalm' is no ASSAULT mode"):
        load_knowledge([tmp_path])
    (tmp_path / "modes.yaml").write_text("modes:\n  ASSAULT:\n    primitive: {cues: [slingshot]}\n")
    k = load_knowledge([tmp_path])
    events = tidings.code_text("Palestinian youths attacked Israeli soldiers with slingshots in Hebron.",
                               published="2024-12-02", data=[tmp_path])
    [e] = find(events, "ASSAULT")
    assert e.mode == "primitive" and codes(e.recipient) == ["ISR"]
    assert "slingshot" in k.modes["ASSAULT"]["primitive"]["cues"]
