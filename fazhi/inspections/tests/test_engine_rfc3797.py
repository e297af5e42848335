"""RFC 3797 mode against the RFC's own worked example (section 6)."""

import ast
import pathlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.inspections.engine import DrawError, make_key, parse_sources, select

# RFC 3797 section 6: the 25 names in the order published, the three sources, and the
# selections the RFC prints (round, MD5 as printed, position in the pool, name).
RFC_POOL = ["John", "Mary", "Bashful", "Dopey", "Sleepy", "Grouchy", "Doc", "Sneazy", "Handsome", "Cassandra",
            "Pollyanna", "Pendragon", "Pandora", "Faith", "Hope", "Charity", "Lee", "Longsuffering", "Chastity",
            "Smith", "Pride", "Sloth", "Envy", "Anger", "Kasczynski"]
RFC_SEEDS = "# ignore me\n9319\n2 5 12 8 10\n9 18 26 34 41 45\n# ignore me too\n"
RFC_KEY = "9319./2.5.8.10.12./9.18.26.34.41.45./"
RFC_SELECTIONS = [
    (1, "990DD0A5692A029A98B5E01AA28F3459", 17, "Lee"),
    (2, "3691E55CB63FCC37914430B2F70B5EC6", 7, "Doc"),
    (3, "FE814EDF564C190AC1D25753979990FA", 2, "Mary"),
    (4, "1863CCACEB568C31D7DDBDF1D4E91387", 16, "Charity"),
    (5, "F4AB33DF4889F0AF29C513905BE1D758", 25, "Kasczynski"),
    (6, "13EAEB529F61ACFB9A29D0BA3A60DE4A", 23, "Envy"),
    (7, "992DB77C382CA2BDB9727001F3CDCCD9", 8, "Sneazy"),
    (8, "63AB4258ECA922976811C7F55C383CE7", 24, "Anger"),
    (9, "DFBC5AC97CED01B3A6E348E3CC63F40D", 19, "Chastity"),
    (10, "31CB111C4A4EBE9287CEAE16FE51B909", 13, "Pandora"),
    (11, "07FA46C122F164C215BBC72793B189A3", 22, "Sloth"),
    (12, "AC52F8D75CCBE2E61AFEB3387637D501", 5, "Sleepy"),
    (13, "53306F73E14FC0B2FBF434218D25948E", 18, "Longsuffering"),
    (14, "B5D1403501A81F9A47318BE7893B347C", 9, "Handsome"),
    (15, "85B10B356AA06663EF1B1B407765100A", 1, "John"),
    (16, "3269E6CE559ABD57E2BA6AAB495EB9BD", 4, "Dopey"),
]


def test_key_of_the_rfc_example():
    assert make_key(parse_sources(RFC_SEEDS)) == RFC_KEY


def test_reproduces_the_rfc_selections():
    chosen = select(RFC_POOL, 16, parse_sources(RFC_SEEDS))
    assert [(s.round, s.md5.upper(), s.position, s.member) for s in chosen] == RFC_SELECTIONS


def test_fewer_rounds_are_a_prefix():
    assert select(RFC_POOL, 5, parse_sources(RFC_SEEDS)) == select(RFC_POOL, 16, parse_sources(RFC_SEEDS))[:5]


def test_numbers_within_a_source_are_sorted_but_sources_keep_their_order():
    assert make_key([[12, 2, 5]]) == "2.5.12./"
    assert make_key([[7], [3]]) == "7./3./"
    assert make_key([[7], [3]]) != make_key([[3], [7]])


@pytest.mark.parametrize("text", ["1 2 x", "-3", "1.5"])
def test_bad_source_numbers_are_refused(text):
    with pytest.raises(DrawError):
        parse_sources(text)


def test_empty_sources_and_too_many_selections_are_refused():
    with pytest.raises(DrawError):
        make_key([])
    with pytest.raises(DrawError, match="超过"):
        select(["a", "b"], 3, [[1]])


@given(st.lists(st.lists(st.integers(0, 10**6), min_size=1, max_size=6), min_size=1, max_size=4),
       st.integers(1, 40), st.data())
def test_selection_is_a_set_of_distinct_members(sources, size, data):
    pool = [f"m{i}" for i in range(size)]
    count = data.draw(st.integers(0, size))
    chosen = select(pool, count, sources)
    assert len({s.member for s in chosen}) == count
    assert all(pool[s.position - 1] == s.member for s in chosen)


def test_engine_imports_no_django():
    engine = pathlib.Path(__file__).resolve().parents[1] / "engine"
    for path in engine.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] in {"django", "fazhi"} for n in names), path
