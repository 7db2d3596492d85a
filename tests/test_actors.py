"""Actor stage: names, demonyms, seats of government, organisations, titled people, coreference."""

import pytest

from conftest import code, codes, find


def _actors(text, event_type, **kw):
    events = find(code(text, **kw), event_type)
    assert events, f"no {event_type} event in: {text}"
    return events[0]


def test_titled_people_take_country_and_sector_from_the_title():
    e = _actors("Swedish Prime Minister Ulf Kristersson met Japanese Defense Minister Minoru Kihara in Tokyo.",
                "CONSULT")
    [a] = e.actor
    assert (a.code, a.sector, a.kind, a.name) == ("SWE", "GOV", "person", "Ulf Kristersson")
    assert a.text == "Swedish Prime Minister Ulf Kristersson"
    [r] = e.recipient
    assert (r.code, r.sector) == ("JPN", "GOV") and "MIL" in r.other_sectors
    sentence = e.mention.sentence
    assert sentence[a.start:a.end] == a.text and sentence[r.start:r.end] == r.text


def test_office_holder_table_resolves_a_bare_name_on_the_story_date():
    e = _actors("Prime Minister Shigeru Ishiba criticised North Korea.", "ACCUSE")
    assert (e.actor[0].code, e.actor[0].sector) == ("JPN", "GOV")
    assert "office-holder table" in e.actor[0].how
    e = _actors("Ishiba criticised North Korea.", "ACCUSE", published="2026-06-01")
    assert (e.actor[0].code, e.actor[0].sector) == ("JPN", "ELI")  # no longer in office


def test_possessive_and_of_phrase_give_the_country():
    e = _actors("Japan's defence minister condemned the missile launch by North Korea.", "ACCUSE")
    assert (e.actor[0].code, e.actor[0].sector) == ("JPN", "GOV") and "MIL" in e.actor[0].other_sectors
    e = _actors("The president of France praised Germany.", "SUPPORT")
    assert (e.actor[0].code, e.actor[0].sector) == ("FRA", "GOV")
    assert codes(e.recipient) == ["DEU"]


@pytest.mark.parametrize("text,code_", [
    ("Washington condemned the attack on Israel.", "USA"),
    ("The Kremlin condemned the attack on Israel.", "RUS"),
    ("Beijing condemned the attack on Israel.", "CHN"),
    ("Britain condemned the attack on Israel.", "GBR"),
    ("The U.S. condemned the attack on Israel.", "USA"),
    ("South Korea condemned the attack on Israel.", "KOR"),
])
def test_countries_aliases_and_seats_of_government(text, code_):
    e = _actors(text, "ACCUSE")
    assert codes(e.actor) == [code_]


def test_organisations():
    e = _actors("NATO condemned Russia.", "ACCUSE")
    assert codes(e.actor) == ["IGO"]
    e = _actors("The European Union imposed sanctions on Iran.", "SANCTION")
    assert codes(e.actor) == ["EUR"] and codes(e.recipient) == ["IRN"]


def test_plural_demonym_and_role_with_demonym():
    e = _actors("Russian troops attacked Ukrainian villages.", "ASSAULT")
    assert (e.actor[0].code, e.actor[0].sector) == ("RUS", "MIL")
    assert codes(e.recipient) == ["UKR"]


def test_compound_actors_are_lists():
    e = _actors("Japan and Sweden condemned North Korea.", "ACCUSE")
    assert codes(e.actor) == ["JPN", "SWE"] and codes(e.recipient) == ["PRK"]
    e = _actors("Japanese and Swedish defense ministers held talks in Tokyo.", "CONSULT")
    assert codes(e.actor) == ["JPN", "SWE"]
    assert all(a.sector == "GOV" and "MIL" in a.other_sectors for a in e.actor)


def test_surname_and_title_refer_back_within_the_story():
    text = ("Swedish Prime Minister Ulf Kristersson arrived in Tokyo on Wednesday. "
            "Kristersson praised Japan. The prime minister also criticized Russia.")
    events = code(text)
    [praise] = find(events, "SUPPORT")
    assert (praise.actor[0].code, praise.actor[0].sector) == ("SWE", "GOV")
    assert "refers back" in praise.actor[0].how
    [crit] = find(events, "ACCUSE")
    assert codes(crit.actor) == ["SWE"] and codes(crit.recipient) == ["RUS"]


def test_the_two_sides_and_pronouns_resolve_to_the_pair_in_context():
    text = ("Japan and Sweden agreed to deepen ties on Wednesday. "
            "The two sides confirmed their support for Ukraine. "
            "They also condemned Russia.")
    events = code(text)
    [support] = find(events, "SUPPORT")
    assert codes(support.actor) == ["JPN", "SWE"] and codes(support.recipient) == ["UKR"]
    assert "pair in context" in support.actor[0].how
    [condemn] = find(events, "ACCUSE")
    assert codes(condemn.actor) == ["JPN", "SWE"] and codes(condemn.recipient) == ["RUS"]


def test_unresolved_person_is_kept_with_its_text():
    e = _actors("Ahmed Karimov condemned the government of Uzbekistan.", "ACCUSE")
    assert e.actor[0].code is None and e.actor[0].name == "Ahmed Karimov"
    assert codes(e.recipient) == ["UZB"]


def test_a_city_in_a_place_phrase_is_not_an_actor():
    events = code("Protesters rallied in Paris against pension reform.")
    assert all("FRA" not in codes(e.actor) or e.actor[0].sector != "GOV" for e in events)
