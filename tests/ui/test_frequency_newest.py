"""The newest released bank's frequency statements (rules 4) in the app: every one shown in the
short form's questionnaire offers never … more often and "keine Gelegenheit", and the colleague's
questionnaire rates them on the same scale (no test runs while no released bank has any)."""

from __future__ import annotations

import pytest

from assessment.bank.load import latest_version, load_bank
from assessment.bank.models import LikertItem
from assessment.peer.codes import Invitation, encode_invitation
from assessment.ui import peer, state
from tests.ui.conftest import answer_page, item_keys, new_app, start, strong
from tests.ui.test_frequency_scale import FREQUENCY_LABELS, PEER_LABELS
from tests.ui.test_peer_views import peer_item, rating_keys

pytestmark = pytest.mark.usefixtures("slow_clock")


def _frequency_ids(version: int) -> frozenset[str]:
    bank = load_bank(version)
    return frozenset(i.id for i in bank.likert if i.scale == "frequency")


NEWEST = latest_version()
WITH_FREQUENCY = [NEWEST] if _frequency_ids(NEWEST) else []


@pytest.mark.parametrize("version", WITH_FREQUENCY)
def test_every_frequency_statement_of_the_short_form_shows_its_scale(version: int) -> None:
    """Walking the short form, each frequency statement offers the frequency labels (German),
    each agreement statement none of them; the first page with one reads them in English too."""
    bank = load_bank(version)
    frequency = _frequency_ids(version)
    in_form = frequency & set(bank.forms["short"].items)
    at = start(new_app(), form="short", background="experienced")
    assert at.session_state[state.FLOW_KEY].bank_version == version
    seen: set[str] = set()
    english_checked = False
    for _ in range(40):
        keys = item_keys(at)
        if not keys:
            break
        for key in keys:
            item = bank.item(state.item_of_key(key))
            if isinstance(item, LikertItem) and item.scale == "frequency":
                assert at.radio(key=key).options == FREQUENCY_LABELS["de"], item.id
                seen.add(item.id)
            elif isinstance(item, LikertItem):
                assert "keine Gelegenheit" not in at.radio(key=key).options
        if seen and not english_checked:
            at.segmented_control(key="lang_switch").set_value("en").run()
            shown = [
                at.radio(key=k).options for k in item_keys(at) if state.item_of_key(k) in frequency
            ]
            assert shown
            assert all(options == FREQUENCY_LABELS["en"] for options in shown)
            at.segmented_control(key="lang_switch").set_value("de").run()
            english_checked = True
        answer_page(at, strong)
        at.button(key="nav_next").click().run()
        assert not at.exception
    assert seen == in_form


@pytest.mark.parametrize("version", WITH_FREQUENCY)
def test_colleague_rates_the_newest_banks_frequency_statements(version: int) -> None:
    """The colleague's questionnaire of the newest bank rates its frequency statements on the
    frequency scale with "Kann ich nicht beurteilen", page by page."""
    bank = load_bank(version)
    if not bank.peer:
        pytest.skip("the newest bank has no colleagues' view")
    token = encode_invitation(
        Invitation(bank_version=version, form="short", language="de", invitation_id="C0FFEE")
    )
    at = new_app(view="invite", i=token)
    assert not at.exception
    frequency = _frequency_ids(version) & set(bank.forms["short"].items)
    seen: set[str] = set()
    for _ in range(20):
        for key in rating_keys(at):
            if peer_item(key) in frequency:
                assert at.radio(key=key).options == PEER_LABELS["de"], peer_item(key)
                seen.add(peer_item(key))
        if peer.NEXT_KEY not in [b.key for b in at.button]:
            break
        at.button(key=peer.NEXT_KEY).click().run()
        assert not at.exception
    assert seen == frequency
