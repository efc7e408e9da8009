"""The licence table and the rules for adapting: every base/adaptation pair, written out by hand."""

from __future__ import annotations

import pytest

from activate_pack.pack.model.licences import LICENCES, adaptation_refusal, licence

BY, SA, ND, NC, NCSA, NCND, CC0 = ("CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-ND-4.0", "CC-BY-NC-4.0",
                                   "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0", "CC0-1.0")
ALL = (BY, SA, ND, NC, NCSA, NCND, CC0)

ALLOWED = {
    # base: the adaptation licences it permits
    BY: set(ALL),
    CC0: set(ALL),
    SA: {SA},
    NCSA: {NCSA},
    NC: {NC, NCSA, NCND},
    ND: set(),
    NCND: set(),
}
"""Written from the CC 4.0 legal code and the issue, not from the code under test."""

WHY = {
    (SA, BY): "ShareAlike", (SA, CC0): "ShareAlike", (SA, ND): "ShareAlike",
    (SA, NCSA): "NonCommercial", (SA, NC): "ShareAlike", (SA, NCND): "ShareAlike",
    (NCSA, SA): "NonCommercial", (NCSA, BY): "ShareAlike", (NCSA, NC): "ShareAlike",
    (NC, BY): "commercial", (NC, SA): "commercial", (NC, CC0): "commercial",
    (ND, BY): "NoDerivatives", (NCND, NCSA): "NoDerivatives",
}
"""For some refused pairs, the word the one-sentence reason must contain."""


def test_table_has_the_seven_licences_with_their_urls() -> None:
    assert set(LICENCES) == set(ALL)
    assert licence(SA).deed_url == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert licence(NCND).legal_code_url == "https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode"
    assert licence(CC0).deed_url == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert [licence(i).share_alike for i in ALL] == [False, True, False, False, True, False, False]
    assert [licence(i).adaptations_allowed for i in ALL] == [True, True, False, True, True, False, True]


def test_unknown_licence_lists_the_valid_ids() -> None:
    with pytest.raises(KeyError) as info:
        licence("CC-BY-SA-3.0")
    assert all(i in str(info.value) for i in ALL)


@pytest.mark.parametrize("base", ALL)
@pytest.mark.parametrize("adapted", ALL)
def test_every_base_and_adaptation_pair(base: str, adapted: str) -> None:
    reason = adaptation_refusal(base, adapted)
    if adapted in ALLOWED[base]:
        assert reason is None
    else:
        assert reason, f"{base} → {adapted} should be refused"
        assert reason.count(". ") == 0, "the reason is one sentence"
        assert licence(base).short_name in reason
        if (base, adapted) in WHY:
            assert WHY[(base, adapted)] in reason


@pytest.mark.parametrize("written, meant_id", [
    ("CC-BY 4.0", "CC-BY-4.0"), ("CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0"), ("cc0", "CC0-1.0"),
    ("Creative Commons Attribution-ShareAlike 4.0 International", "CC-BY-SA-4.0"),
])
def test_a_licence_written_out_with_its_version_is_that_licence(make_pack, written: str,
                                                                meant_id: str) -> None:
    """'CC BY 4.0' is how the licence's own page writes it: it needs no correcting."""
    from activate_pack.pack.loading.load import load_pack
    from conftest import PACK_YAML

    root = make_pack(**{"content/pack.yaml": PACK_YAML.replace(
        "licence: CC-BY-SA-4.0", f"licence: {written}")})
    assert load_pack(root).info.licence == meant_id


@pytest.mark.parametrize("written, meant_id", [
    ("CC BY", "CC-BY-4.0"), ("cc by sa", "CC-BY-SA-4.0"),
])
def test_a_loosely_written_licence_gets_a_did_you_mean(make_pack, written: str,
                                                       meant_id: str) -> None:
    from activate_pack.errors import PackError
    from activate_pack.pack.loading.load import load_pack
    from conftest import PACK_YAML

    root = make_pack(**{"content/pack.yaml": PACK_YAML.replace(
        "licence: CC-BY-SA-4.0", f"licence: {written}")})
    with pytest.raises(PackError) as caught:
        load_pack(root)
    assert f"(did you mean {meant_id}?)" in str(caught.value)
    assert "use one of: CC-BY-4.0" in str(caught.value)


@pytest.mark.parametrize("written", ["CC BY 3.0", "All rights reserved", "CC BY-ND-SA"])
def test_no_guess_where_the_licence_is_another_one(written: str) -> None:
    from activate_pack.pack.model.licences import meant, unknown

    assert meant(written) is None and "did you mean" not in unknown(written)


def test_a_picture_credit_with_a_loose_licence_gets_a_did_you_mean(make_pack) -> None:
    from activate_pack.errors import PackError
    from activate_pack.pack.loading.load import load_pack
    from conftest import INGREDIENTS

    cards = INGREDIENTS + ("  image:\n    file: images/a.png\n    alt: A cook\n"
                           "    credit: {author: A. Painter, licence: CC BY}\n")
    with pytest.raises(PackError) as caught:
        load_pack(make_pack(**{"content/ingredients/skills.yaml": cards}))
    assert "unknown licence 'CC BY' (did you mean CC-BY-4.0?)" in str(caught.value)
