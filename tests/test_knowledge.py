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


# Every UN member state (193), as ISO alpha-3 codes, plus the two observers.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI
CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE PRK DNK DJI DMA DOM ECU EGY SLV GNQ ERI
EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA
JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM
MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT
KOR ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()


def test_country_table_has_every_un_member_observer_and_the_special_cases():
    assert len(set(UN_MEMBERS)) == 193
    k = load_knowledge()
    missing = [c for c in UN_MEMBERS + ["VAT", "PSE", "KOS", "TWN", "HKG", "ESH"] if c not in k.countries]
    assert not missing
    for c in k.countries.values():
        assert len(c.iso2) == 2 and c.capital, c.code
    for alias, code_ in [("the US", "USA"), ("America", "USA"), ("UK", "GBR"), ("South Korea", "KOR"),
                         ("ROK", "KOR"), ("North Korea", "PRK"), ("Türkiye", "TUR"), ("Turkiye", "TUR"),
                         ("Swedish", "SWE"), ("Washington", "USA"), ("the White House", "USA"),
                         ("Downing Street", "GBR"), ("Beijing", "CHN"), ("Pyongyang", "PRK")]:
        text = alias[4:] if alias.startswith("the ") and alias not in k.surfaces else alias
        assert any(s.code == code_ for s in k.surfaces[text]), alias


@pytest.mark.parametrize("name,code_,sector", [
    ("NATO", "IGO", "GOV"), ("African Union", "IGO", "GOV"), ("ASEAN", "IGO", "GOV"), ("OPEC", "IGO", "GOV"),
    ("IAEA", "IGO", "GOV"), ("ICC", "IGO", "JUD"), ("WHO", "IGO", "MED"), ("IMF", "IGO", "GOV"),
    ("World Bank", "IGO", "GOV"), ("G7", "IGO", "GOV"), ("G20", "IGO", "GOV"), ("UN Security Council", "UNO", "GOV"),
    ("European Commission", "EUR", "GOV"), ("Hamas", "PSE", "REB"), ("Hezbollah", "LBN", "REB"),
    ("ISIS", "IMG", "REB"), ("ISIL", "IMG", "REB"), ("al-Qaeda", "IMG", "REB"), ("al-Shabaab", "SOM", "REB"),
    ("Taliban", "AFG", "REB"), ("Houthis", "YEM", "REB"), ("Wagner", "RUS", "PRM"), ("Nato", "IGO", "GOV"),
])
def test_organisations_have_codes_and_sectors(name, code_, sector):
    k = load_knowledge()
    [org] = [s for s in k.surfaces[name] if s.kind == "organization"]
    assert (org.code, org.sector) == (code_, sector) or (org.code == code_ and sector in org.other_sectors)


def test_at_least_150_roles_with_plover_sectors():
    k = load_knowledge()
    phrases = {r.phrase for r in k.roles.values()}
    assert len(phrases) >= 150
    for must in ("president", "prime minister", "foreign minister", "defence minister", "interior minister",
                 "ambassador", "general", "troops", "navy", "police", "court", "judge", "prosecutor", "parliament",
                 "lawmaker", "opposition", "party", "rebel", "militant", "protester", "student", "journalist",
                 "doctor", "refugee", "business"):
        assert must in k.roles, must
    assert {r.sector for r in k.roles.values()} <= set(k.plover["sectors"])


# Who held the office on the date: well-known facts the office-holder table must get right.
@pytest.mark.parametrize("country,offices,day,name", [
    ("USA", {"president"}, "2003-03-20", "George W. Bush"),
    ("USA", {"secretary of state"}, "2010-06-01", "Hillary Clinton"),
    ("USA", {"secretary of defense"}, "2010-06-01", "Robert Gates"),
    ("GBR", {"prime minister"}, "2012-06-01", "David Cameron"),
    ("GBR", {"foreign secretary"}, "2012-06-01", "William Hague"),
    ("FRA", {"president"}, "2010-06-01", "Nicolas Sarkozy"),
    ("FRA", {"defence minister"}, "2015-06-01", "Jean-Yves Le Drian"),
    ("DEU", {"chancellor"}, "2010-06-01", "Angela Merkel"),
    ("RUS", {"president"}, "2010-06-01", "Dmitry Medvedev"),
    ("RUS", {"foreign minister"}, "2010-06-01", "Sergei Lavrov"),
    ("CHN", {"foreign minister"}, "2010-06-01", "Yang Jiechi"),
    ("JPN", {"prime minister"}, "2015-06-01", "Shinzo Abe"),
    ("IND", {"prime minister"}, "2010-06-01", "Manmohan Singh"),
    ("ISR", {"prime minister"}, "2010-06-01", "Benjamin Netanyahu"),
    ("UKR", {"president"}, "2015-06-01", "Petro Poroshenko"),
    ("IRN", {"president"}, "2015-06-01", "Hassan Rouhani"),
    ("TUR", {"prime minister"}, "2010-06-01", "Recep Tayyip Erdoğan"),
    ("PRK", {"supreme leader"}, "2015-06-01", "Kim Jong Un"),
    ("UNO", {"secretary-general"}, "2010-06-01", "Ban Ki-moon"),
])
def test_office_holder_table_knows_who_held_office(country, offices, day, name):
    from datetime import date

    k = load_knowledge()
    when = date.fromisoformat(day)
    holders = {t.name for terms in k.terms.values() for t in terms
               if t.country == country and t.office in offices and t.start <= when and (t.end is None or when < t.end)}
    assert {h.replace("ğ", "g") for h in holders} & {name, name.replace("ğ", "g")}, holders


def test_office_holder_table_covers_the_countries_in_the_news_since_2000():
    """Heads of state or government, foreign and defence ministers of the G20, NATO, EU and P5 members and
    the countries most in the news, on a date every three years: almost no holes (the few left are real
    vacancies, caretaker weeks, and countries without such a ministry)."""
    from datetime import date

    k = load_knowledge()
    terms = {(t.name, t.country, t.office, t.start): t for ts in k.terms.values() for t in ts}.values()
    countries = set("""ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA ALB BEL BGR HRV
        CZE DNK EST FIN GRC HUN ISL LVA LTU LUX MNE NLD MKD NOR POL PRT ROU SVK SVN ESP SWE AUT CYP IRL MLT UKR ISR
        IRN PRK PAK""".split())
    families = {"head": {"president", "prime minister", "chancellor", "premier", "king", "queen", "emir",
                         "supreme leader"},
                "foreign": {"foreign minister", "foreign secretary", "secretary of state"},
                "defence": {"defence minister", "defence secretary", "secretary of defense"}}
    days = [date(2000, 6, 1)] + [date(y, 6, 1) for y in range(2002, 2027, 3)] + [date(2026, 11, 1)]
    cells = holes = 0
    for c in countries:
        for fam, offices in families.items():
            if fam == "defence" and c in ("ISL", "MLT"):  # no armed forces / no defence ministry
                continue
            for d in days:
                cells += 1
                holes += not any(t.country == c and t.office in offices and (t.start is None or t.start <= d)
                                 and (t.end is None or d < t.end) for t in terms)
    assert cells > 1500 and holes / cells < 0.01, (holes, cells)
