"""Event stage: the lexicon over the dependency parse, frames, modality, evidence."""

import pytest

from conftest import code, codes, find


def one(text, event_type, **kw):
    events = find(code(text, **kw), event_type)
    assert len(events) == 1, [(e.event, e.reason) for e in code(text, **kw)]
    return events[0]


def test_agreed_to_elevate_is_one_agree_event_with_its_trigger():
    text = ("Prime Minister Shigeru Ishiba and Swedish Prime Minister Ulf Kristersson agreed to elevate their "
            "bilateral relationship to a strategic partnership on Wednesday in Tokyo.")
    e = one(text, "AGREE")
    assert codes(e.actor) == ["JPN", "SWE"]
    assert e.mention.trigger.startswith("agreed to elevate")
    s, t = e.mention.trigger_start, e.mention.trigger_end
    assert e.mention.sentence[s:t] == e.mention.trigger
    assert (e.cameo, e.quad_class, e.intensity) == ("030", 1, 2.5)
    assert e.goldstein == 4.0


def test_condemned_program_and_cooperation():
    text = "Japan and Sweden also condemned North Korea's nuclear missile program and its military cooperation with Russia."
    events = code(text)
    [acc] = find(events, "ACCUSE")
    assert codes(acc.actor) == ["JPN", "SWE"] and "PRK" in codes(acc.recipient)
    assert acc.mode == "disapprove" and "cbrn" in acc.context
    [coop] = find(events, "COOPERATE")
    assert codes(coop.actor) == ["PRK"] and codes(coop.recipient) == ["RUS"]
    assert "military" in coop.context


def test_support_for_and_sanctions_against():
    events = code("The United States and Japan confirmed their support for Ukraine as well as for continued "
                  "sanctions against Russia.")
    [sup] = find(events, "SUPPORT")
    assert codes(sup.recipient) == ["UKR"] and codes(sup.actor) == ["JPN", "USA"]
    [san] = find(events, "SANCTION")
    assert codes(san.recipient) == ["RUS"] and san.cameo == "163"


def test_endorsement_of_a_decision_names_the_decider_as_recipient():
    e = one("Japan's foreign minister announced an explicit endorsement of Sweden's decision to join NATO.",
            "SUPPORT")
    assert codes(e.actor) == ["JPN"] and codes(e.recipient) == ["SWE"]


@pytest.mark.parametrize("text,etype,actor,recipient,mode", [
    ("Russia threatened to expel Estonian diplomats.", "THREATEN", "RUS", None, None),
    ("Iran vowed to attack Israel.", "THREATEN", "IRN", None, "violence"),
    ("The UN urged Israel to withdraw its troops from Lebanon.", "REQUEST", "UNO", "ISR", "yield"),
    ("China refused to meet the Philippine delegation.", "REJECT", "CHN", None, "meet"),
    ("Police arrested dozens of opposition supporters in Georgia.", "COERCE", None, None, "arrest"),
    ("Israeli jets struck Hezbollah positions in Lebanon.", "ASSAULT", "ISR", None, None),
    ("Turkey deployed troops to the Syrian border.", "MOBILIZE", "TUR", None, "troops"),
    ("Germany will send air defence systems to Ukraine.", "AGREE", "DEU", "UKR", None),
    ("The United States imposed sanctions on Venezuela.", "SANCTION", "USA", "VEN", None),
    ("Thousands of workers protested against the government in France.", "PROTEST", None, None, "demo"),
    ("India sent humanitarian aid to Sri Lanka.", "AID", "IND", "LKA", None),
    ("Armenia accused Azerbaijan of shelling border villages.", "ACCUSE", "ARM", "AZE", "allege"),
    # light verbs and families from the PLV dev set (sentences from plv_dev)
    ("Federal Police have launched an investigation into Australian VC recipient Ben Roberts-Smith over "
     "allegations of war crimes.", "ACCUSE", None, "AUS", "investigate"),
    ("Brazil's federal police filed new charges against President Michel Temer on Tuesday.", "ACCUSE", "BRA",
     "BRA", "allege"),
    ("The OIC expressed its total rejection and strong condemnation of the Israeli Prime Minister's "
     "declaration.", "ACCUSE", "IGO", None, "disapprove"),
    ("DHS returned cultural artifacts, including a Pompeii wall panel fresco, to the government of Italy.",
     "RETREAT", None, "ITA", "release"),
    ("The European Commission has suspended humanitarian aid to Gaza because of fighting among Palestinian "
     "factions.", "SANCTION", "EUR", None, "discontinue"),  # cutting aid: CAMEO 162
    ("Honduras is willing to withdraw its troops from a five kilometer zone along the border.", "AGREE", "HND",
     None, None),
    ("Slovakia says it will not accept Syrian refugees under a European Union relocation scheme.",
     "REJECT", "SVK", None, None),
    ("The Australian Government provided around $400 million in total ODA to Indonesia in 2015-16.", "AID",
     "AUS", "IDN", None),
    # a call to an actor is a phone call ("called on X to", "called for" are requests)
    ("U.S. President Donald Trump called Saudi Arabia's King Salman on Saturday, discussing ways to maintain "
     "supply.", "CONSULT", "USA", "SAU", "phone"),
    ("The UN called on Israel to withdraw its troops.", "REQUEST", "UNO", None, None),
    # signing an agreement is AGREE in PLOVER (the nearest CAMEO code is 057)
    ("The US and China have signed an agreement aimed at easing a trade war.", "AGREE", "USA", None, None),
    ("Iraqi security forces opened fire on protesters who defied a curfew in Baghdad.", "ASSAULT", "IRQ", None,
     None),
    # "X says Y must ...": a demand on Y; "demanded that Y ..."; seeking refuge; boycotts are protest
    ("Russia says Israel must end attacks on Syria after latest strikes.", "REQUEST", "RUS", "ISR", None),
    # hyphenated objects ("cease-fire"), legal action, stepped-up attacks, reduced tariffs
    ("Afghan President Ashraf Ghani on Thursday announced a weeklong cease-fire with the Taliban.", "RETREAT", "AFG",
     None, "ceasefire"),
    ("The European Commission has launched legal action against the Polish government over changes to the way "
     "judges are appointed.", "ACCUSE", "EUR", "POL", "allege"),
    ("Taliban militants have stepped up attacks on Afghan security forces and government facilities in recent "
     "months.", "ASSAULT", "AFG", "AFG", None),
    ("The U.S. rolled back tariffs on Chinese goods in exchange for more U.S. goods purchases.", "RETREAT", "USA",
     None, None),
    # the one made to act, and the party a refusal's condition names
    ("The government also ordered the daily newspaper to suspend publication for a month.", "COERCE", None, None,
     "censor"),
    ("A majority of the guards on strike say they will not end the strike until the government provides "
     "sufficient resources.", "REJECT", None, None, None),
    # a material conflict act announced for the future is a threat; "it" can be a body named in the singular
    ("Turkey will launch a new military operation against Kurdish fighters in Syria within a few days.",
     "THREATEN", "TUR", None, "violence"),
    ("The Nigerian government said it will boycott the World Economic Forum conference.", "THREATEN", "NGA", None,
     None),
    # handing over supplies is aid ("X worth of Y" is Y); handing over a person stays cooperation
    ("This week, the United States handed over more than USD $4 million worth of new medical equipment and "
     "medicines to the Ministry of Health of Ethiopia.", "AID", "USA", None, None),
    ("India handed over the suspect to Pakistan.", "COOPERATE", "IND", "PAK", None),
    # failing to reach a deal and cancelling a visit are refusals; reducing aid is a sanction
    ("The United States and South Korea failed to reach agreement on an elusive free-trade deal.", "REJECT",
     "USA", None, None),
    ("The UK prime minister has cancelled a planned visit to Washington in March amid tensions.", "REJECT", "GBR",
     "USA", "meet"),
    ("The US reduced military aid to Argentina by $17 million.", "SANCTION", "USA", "ARG", "discontinue"),
    # a nominal event "between X and Y": both are its actors
    ("Clashes between Armenia and Azerbaijan killed 20 soldiers.", "ASSAULT", "ARM", None, None),
    ("Talks between Israel and Hamas collapsed.", "CONSULT", "ISR", None, None),
    # defending someone verbally, awarding an honour
    ("US President Donald Trump has defended Russia over claims of interference in the 2016 presidential "
     "election.", "SUPPORT", "USA", "RUS", None),
    ("Kosovo has awarded the Freedom Order to former U.S. President Bill Clinton for his role in helping end the "
     "country's war.", "SUPPORT", "KOS", "USA", None),
    # "a round of" / "a series of": the event is what the round is of
    ("The Jordan and the United States began a new round of joint military exercises today in the southern "
     "desert of the kingdom.", "COOPERATE", "USA", None, None),
    ("Member of Parliament Tanmanjeet Singh Dhesi demanded that Prime Minister Boris Johnson apologize for "
     "comments about Muslim women.", "REQUEST", None, "GBR", None),
    ("The women-led Hirak movement boycotted the vote, citing repression.", "PROTEST", None, None, "boycott"),
    # a call for a hostile act, addressed to no one, rallies opposition against its target (CAMEO 113)
    ("A group of British lawmakers has called for sanctions against Chinese officials responsible for human rights "
     "violations.", "ACCUSE", "GBR", "CHN", "disapprove"),
    ("A UN expert is calling for a full investigation into the killing of Jamal Khashoggi by Saudi agents.",
     "ACCUSE", "UNO", None, "disapprove"),
    ("The United States urged the European Union to impose sanctions on Russia.", "REQUEST", "USA", "EUR", None),
    # the actor's own word ("its") is not the recipient: the next role is tried
    ("Saudi Arabia lifted its blockade of Yemen.", "RETREAT", "SAU", "YEM", None),
    ("The United States recently lifted its economic embargo against both Libya and Iraq.", "RETREAT", "USA", "LBY",
     None),
    ("Russia's president, Mr Vladimir Putin, launched a mediation effort between India and Pakistan in the "
     "Kashmir crisis last night.", "CONSULT", "RUS", "IND", None),
])
def test_phrase_families(text, etype, actor, recipient, mode):
    events = find(code(text), etype)
    assert events, [(e.event, e.reason) for e in code(text)]
    e = events[0]
    if actor:
        assert actor in codes(e.actor)
    if recipient:
        assert recipient in codes(e.recipient)
    if mode:
        assert e.mode == mode


def test_passive_voice_agent_is_the_actor():
    e = one("North Korea was condemned by Japan.", "ACCUSE")
    assert codes(e.actor) == ["JPN"] and codes(e.recipient) == ["PRK"]


def test_reported_speech_codes_the_reported_act_not_the_saying():
    events = code("Kristersson said that Japan condemned Russia's aggression.")
    assert [e.event for e in events] == ["ACCUSE"]
    assert codes(events[0].actor) == ["JPN"]


def test_negated_future_and_hypothetical_are_marked():
    e = one("Japan did not condemn Russia.", "ACCUSE")
    assert e.negated
    e = one("The European Union could impose sanctions on Belarus.", "SANCTION")
    assert e.hypothetical and not e.negated
    e = one("Kristersson will visit Japan next month.", "AGREE")
    assert e.future and e.cameo == "036" and "future CONSULT" in e.reason


def test_discussed_topic_is_not_an_agreement():
    events = code("The defence chiefs of Japan and Sweden discussed enhancing bilateral cooperation.")
    assert [e.event for e in events] == ["CONSULT"]


def test_every_event_explains_itself():
    [e] = code("Japan condemned North Korea on Monday.")
    rec = e.to_json()
    assert rec["event"] == "ACCUSE" and rec["event_text"] == "condemned"
    assert rec["reason"] == "verb 'condemn'"
    assert rec["actor"][0]["how"] == "country name"
    assert rec["text"] == "Japan condemned North Korea on Monday."
    assert rec["text_info"]["trigger_offsets"] == [6, 15]
    assert rec["date"] == "2024-12-02" and "Monday" in rec["date_how"]


def test_the_one_made_to_act_and_the_party_a_refusal_waits_for_are_recipients():
    [e] = find(code("The government also ordered the daily newspaper to suspend publication for a month."), "COERCE")
    assert [r.text for r in e.recipient] == ["daily newspaper"]
    [e] = find(code("A majority of the guards on strike say they will not end the strike until the government "
                    "provides sufficient resources."), "REJECT")
    assert [r.text for r in e.recipient] == ["government"]


def test_what_a_return_is_about_is_where_it_goes_not_what_is_returned():
    e = one("ICE returned 11 oil paintings to the Pirmasen Municipal Museum in Germany.", "RETREAT")
    assert e.recipient == [] and e.about[0] == "the Pirmasen Municipal Museum in Germany"
    e = one("A German court on Thursday rejected an extradition request for Catalonia's former leader Carles "
            "Puigdemont on the charge of rebellion.", "REJECT")  # the refused request is what it is about
    assert e.about[0].startswith("an extradition request for Catalonia's former leader Carles Puigdemont")


def test_a_recipient_that_is_no_actor_is_kept_as_what_the_event_is_about():
    text = "China's government on Tuesday rejected a U.S. State Department call to release three activists."
    e = one(text, "REJECT")
    assert e.recipient == [] and e.about is not None
    about, start, end = e.about
    assert about.startswith("a U.S. State Department call") and e.mention.sentence[start:end] == about
    assert e.to_json()["text_info"]["about"]["text"] == about  # written out; "on Tuesday" is no object
    e = one("The UN Support Mission in Libya on Sunday strongly condemned the bombing of a military academy "
            "in the capital Tripoli.", "ACCUSE")
    assert e.about[0].startswith("the bombing of a military academy")
