"""The licence table and the rules for adapting: every base/adaptation pair, written out by hand."""

from __future__ import annotations

import pytest

from activate_pack.pack.licences import LICENCES, adaptation_refusal, licence

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
