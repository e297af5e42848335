"""Sealed sources: a witness's secret is committed as a seal before the draw and checked at the reveal."""

import copy
import hashlib
import re

import pytest

from fazhi.inspections.engine import DrawError, canonical, commit, compute, verification
from fazhi.inspections.tests.test_engine_reference import WORKED_INPUT, ref_commit

WITNESS = 1  # the worked example's second source, "见证人甲的秘密数", numbers [271828]


def sealed(inp: dict, seal: str | None = None) -> dict:
    out = copy.deepcopy(inp)
    witness = out["sources"][WITNESS]
    witness["seal"] = seal or hashlib.sha256(b"271828./").hexdigest()  # the source's part of the key
    return out


def test_a_seal_is_the_sha256_of_the_sources_part_of_the_key():
    assert commit.seal_of([271828]) == hashlib.sha256(b"271828./").hexdigest()
    assert commit.seal_of([3, 1, 2]) == hashlib.sha256(b"1.2.3./").hexdigest()


def test_a_sealed_record_draws_and_verifies_and_its_seal_is_committed():
    done = compute.run(sealed(WORKED_INPUT))
    assert verification.verify(done, done["commitment"]["commit_sha256"]).match
    assert done["commitment"]["commit_sha256"] == ref_commit(sealed(WORKED_INPUT))
    assert done["result"] == compute.run(WORKED_INPUT)["result"]  # a seal changes the commitment, not the draw
    assert done["commitment"]["commit_sha256"] != compute.run(WORKED_INPUT)["commitment"]["commit_sha256"]


def test_an_unsealed_record_commits_to_its_labels_alone_as_before():
    labels = [s["label"] for s in WORKED_INPUT["sources"]]
    expected = canonical.sha256_hex(canonical.canonical_json(labels))
    assert commit.commitment(WORKED_INPUT)["sources_sha256"] == expected


def test_numbers_that_do_not_give_the_seal_are_refused_at_the_draw():
    inp = sealed(WORKED_INPUT)
    inp["sources"][WITNESS]["numbers"] = [271829]
    with pytest.raises(DrawError, match=re.escape(commit.SEAL_MISMATCH.format(n=2, label="见证人甲的秘密数"))):
        compute.run(inp)


def test_verify_names_a_source_whose_numbers_were_changed_after_sealing():
    done = compute.run(sealed(WORKED_INPUT))
    published = done["commitment"]["commit_sha256"]
    changed = copy.deepcopy(done)
    changed["sources"][WITNESS]["numbers"] = [271829]
    report = verification.verify(changed, published)
    assert not report.match
    assert commit.SEAL_MISMATCH.format(n=2, label="见证人甲的秘密数") in report.problems


def test_a_secret_sealed_again_after_the_fact_fails_against_the_published_commit():
    done = compute.run(sealed(WORKED_INPUT))
    other = copy.deepcopy(done)
    other["sources"][WITNESS]["numbers"] = [5]
    other["sources"][WITNESS]["seal"] = commit.seal_of([5])
    other = compute.run({k: v for k, v in other.items() if k not in ("result", "commitment")})
    assert verification.verify(other).match  # consistent in itself ...
    report = verification.verify(other, done["commitment"]["commit_sha256"])
    assert not report.match and any("承诺哈希与抽取前公布的" in p for p in report.problems)  # ... not as published


@pytest.mark.parametrize("seal", ["ABC", "A" * 64, 12, None, "g" * 64])
def test_a_malformed_seal_is_refused(seal):
    inp = sealed(WORKED_INPUT)
    inp["sources"][WITNESS]["seal"] = seal
    with pytest.raises(DrawError, match=re.escape(commit.SEAL_NOT_HEX.format(n=2))):
        commit.commitment(inp)
    report = verification.verify({**inp, "format": canonical.FORMAT, "format_version": canonical.FORMAT_VERSION})
    assert not report.match and commit.SEAL_NOT_HEX.format(n=2) in report.problems[0]


def test_seals_are_checked_before_the_draw_and_invalid_numbers_name_their_source():
    inp = sealed(WORKED_INPUT)
    inp["sources"][WITNESS]["numbers"] = [-1]
    with pytest.raises(DrawError, match="第2个随机源含有非法数值"):
        compute.run(inp)
