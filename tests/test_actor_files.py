"""Users' actor files (--actors FILE): YAML and TSV, validated with errors naming the line."""

import subprocess
import sys

import pytest

import tidings
from tidings.knowledge import KnowledgeError, load_knowledge

from conftest import find

YAML = """\
# my actors
actors:
  - name: Free Syrian Legion
    aliases: [FSL, the Legion]
    code: SYR
    sector: REB
  - name: Jane Doerksen
    type: person
    code: CAN
    office: foreign minister
    start: 2030-01-01
  - {name: Ruritanian, type: demonym, code: AUT}
  - {name: border guard, type: role, sector: MIL, aliases: [border guards]}
"""

TSV = ("name\taliases\ttype\tcode\tsector\toffice\tstart\tend\n"
       "# a comment line\n"
       "Sanae Takaichi\tTakaichi\tperson\tJPN\tGOV\tprime minister\t2025-10-21\t2026-01-31\n"
       "Kenji Moriyama\tMoriyama\tperson\tJPN\tGOV\tprime minister\t2026-01-31\t\n")


def _story(text, published, **kw):
    return tidings.code_text(text, published=published, **kw)


def test_a_yaml_actor_file_adds_organisations_people_demonyms_and_roles(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(YAML, encoding="utf-8")
    [e] = find(_story("The Legion attacked Russian troops.", "2024-05-01", actors=[f]), "ASSAULT")
    assert (e.actor[0].code, e.actor[0].sector) == ("SYR", "REB")
    [e] = find(_story("Ruritanian border guards detained two Hungarian journalists.", "2024-05-01", actors=[f]),
               "COERCE")
    assert (e.actor[0].code, e.actor[0].sector) == ("AUT", "MIL")
    [e] = find(_story("Jane Doerksen criticized China.", "2031-05-01", actors=[f]), "ACCUSE")
    assert (e.actor[0].code, e.actor[0].sector, e.actor[0].basis) == ("CAN", "GOV", "office-holder")
    # before her term she is not coded as a minister
    [e] = find(_story("Jane Doerksen criticized China.", "2029-05-01", actors=[f]), "ACCUSE")
    assert e.actor[0].sector != "GOV"


def test_a_tsv_actor_file_corrects_the_shipped_office_holder_table(tmp_path):
    f = tmp_path / "update.tsv"
    f.write_text(TSV, encoding="utf-8")
    text = "Takaichi criticized China."
    [shipped] = find(_story(text, "2026-06-01"), "ACCUSE")
    assert (shipped.actor[0].code, shipped.actor[0].sector) == ("JPN", "GOV")
    [updated] = find(_story(text, "2026-06-01", actors=[f]), "ACCUSE")
    assert (updated.actor[0].code, updated.actor[0].sector) == ("JPN", "ELI")  # her term now ends in January
    [new] = find(_story("Moriyama criticized China.", "2026-06-01", actors=[f]), "ACCUSE")
    assert (new.actor[0].code, new.actor[0].sector) == ("JPN", "GOV")


@pytest.mark.parametrize("content,suffix,message", [
    ("actors:\n  - name: X Front\n    code: XYZ\n    sector: REB\n", ".yaml", ":2: unknown code 'XYZ'"),
    ("actors:\n  - {name: A, code: USA, sector: GOV}\n  - {name: B, code: USA, sector: WAR}\n", ".yaml",
     ":3: unknown sector 'WAR'"),
    ("actors:\n  - {name: A, code: USA, sector: GOV, colour: red}\n", ".yaml", ":2: unknown key(s) colour"),
    ("actors: [\n", ".yaml", "not valid YAML"),
    ("name\tcode\tsector\nA\tUSA\tGOV\nB\tFRA\n", ".tsv", ":3: organisation 'B' needs a sector"),
    ("name\tcode\tsector\ttype\tstart\tend\nP\tFRA\tGOV\tperson\t2020-01-01\t2019-01-01\n", ".tsv",
     ":2: end 2019-01-01 is not after start"),
    ("name\tcode\tsector\ttype\tstart\nP\tFRA\tGOV\tperson\t01/02/2020\n", ".tsv", ":2: start is not a YYYY-MM-DD"),
    ("name\tcountry_code\nA\tUSA\n", ".tsv", ":1: unknown column(s) country_code"),
    ("name\tcode\tsector\ttype\nSvea\tSWZ\tGOV\tmetonym\nSveaX\tSVX\tGOV\tmetonym\n", ".tsv",
     ":3: 'SVX' is not a country"),
])
def test_broken_actor_files_name_the_line(tmp_path, content, suffix, message):
    f = tmp_path / f"bad{suffix}"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge([f])
    assert str(f) in str(err.value) and message in str(err.value)


def test_every_problem_of_a_file_is_reported(tmp_path):
    f = tmp_path / "bad.tsv"
    f.write_text("name\tcode\tsector\nA\tXXX\tGOV\nB\tUSA\tBAD\nC\tUSA\tGOV\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge([f])
    assert f"{f}:2:" in str(err.value) and f"{f}:3:" in str(err.value) and f"{f}:4:" not in str(err.value)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "tidings", *args], capture_output=True, text=True, timeout=300)


def test_cli_actors_option_check_and_resolve(tmp_path):
    good = tmp_path / "mine.yaml"
    good.write_text(YAML, encoding="utf-8")
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tcode\tsector\nA\tXXX\tGOV\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("The Legion attacked Russian troops near Kharkiv on Monday.\n", encoding="utf-8")

    r = _cli("actors", "check", str(good), str(bad))
    assert r.returncode == 1 and "4 actors, ok" in r.stdout and f"{bad}:2: unknown code 'XXX'" in r.stderr

    r = _cli("code", str(story), "--actors", str(bad))
    assert r.returncode == 2 and f"{bad}:2" in r.stderr and "Traceback" not in r.stderr
    r = _cli("code", str(story), "--actors", str(good))
    assert r.returncode == 0 and '"code": "SYR"' in r.stdout

    r = _cli("actors", "resolve", "Former Prime Minister Fumio Kishida met the Legion.", "--date", "2025-03-01",
             "--actors", str(good))
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert any("Kishida" in ln and " JPN " in ln and " ELI " in ln for ln in lines)
    assert any("Legion" in ln and " SYR " in ln and " REB " in ln for ln in lines)
    r = _cli("actors", "who", "Lavrov")
    assert r.returncode == 0 and "RUS\tforeign minister" in r.stdout


def test_spreadsheet_exports_and_bad_bytes(tmp_path):
    bom = tmp_path / "excel.tsv"  # byte-order mark and Windows line ends, as spreadsheets save them
    bom.write_bytes("\ufeffname\tcode\tsector\r\nNorthern Front\tUSA\tREB\r\n".encode("utf-8"))
    k = load_knowledge([bom])
    assert [(s.code, s.sector) for s in k.surfaces["Northern Front"]] == [("USA", "REB")]
    binary = tmp_path / "latin1.yaml"
    binary.write_bytes("actors:\n  - {name: Caf\xe9 Front, code: FRA, sector: REB}\n".encode("latin-1"))
    with pytest.raises(KnowledgeError, match="not UTF-8"):
        load_knowledge([binary])
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="empty actor file"):
        load_knowledge([empty])
