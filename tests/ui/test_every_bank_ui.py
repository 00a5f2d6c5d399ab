"""Every released bank through the app (AppTest): questionnaire to result, shared link, group page.

The banks and answers come from tests/banks.py. A new questionnaire uses the newest bank, so
each bank is reached with a questions folder that ends at it, as when it was the newest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.bank.load import ARTICLE_FILE, QUESTIONS_DIR, QUESTIONS_ENV, load_bank
from assessment.bank.models import Item
from assessment.codes.links import SHARE_PARAM
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.result import build_result
from assessment.render.summary import summarize
from assessment.ui import group as group_page
from assessment.ui import state
from tests.banks import RELEASED, AnswerSet, answer_sets
from tests.ui.conftest import complete, new_app, start, texts

pytestmark = pytest.mark.usefixtures("slow_clock")


def _complete_sets() -> list[object]:
    """Per bank, the answer sets that answer every item of a short form (the app asks them all)."""
    params: list[object] = []
    for version in RELEASED:
        bank = load_bank(version)
        for answer_set in answer_sets(version):
            answers = answer_set.answers
            if answers.form == "short" and len(answers.responses) == len(
                bank.forms[answers.form].items
            ):
                params.append(pytest.param(answer_set, id=answer_set.name))
    return params


def _only_up_to(version: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Serve a questions folder whose newest bank is this version (older ones kept)."""
    root = tmp_path / f"questions-up-to-v{version}"
    root.mkdir()
    for older in RELEASED:
        if older <= version:
            (root / f"v{older}").symlink_to(QUESTIONS_DIR / f"v{older}", target_is_directory=True)
    (root / ARTICLE_FILE).symlink_to(QUESTIONS_DIR / ARTICLE_FILE)
    monkeypatch.setenv(QUESTIONS_ENV, str(root))


def _shown(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


@pytest.mark.parametrize("answer_set", _complete_sets())
def test_questionnaire_result_and_shared_link_tell_one_story(
    answer_set: AnswerSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answering a bank's questionnaire in the app ends on the result that `score` gives for
    those answers (headline, met line, every verdict); the share code holds exactly the answers,
    and the shared link shows the same level and verdicts to someone else."""
    answers = answer_set.answers
    _only_up_to(answers.bank_version, tmp_path, monkeypatch)
    bank = load_bank(answers.bank_version)

    def persona(item: Item) -> int | str:
        return answers.responses[item.id]

    own = start(
        new_app(),
        form=answers.form,
        profile=answers.profile,
        background=answers.background or "changer",
    )
    assert own.session_state[state.FLOW_KEY].bank_version == answers.bank_version
    own = complete(own, persona)
    assert not own.exception
    code = own.code[0].value.removeprefix(f"?{SHARE_PARAM}=")
    decoded = decode_code(code).answers
    assert decoded.responses == answers.responses
    assert (decoded.form, decoded.profile) == (answers.form, answers.profile)
    assert decoded.background == answers.background

    result = build_result(decoded, bank)
    for viewer, at in (("self", own), ("other", new_app(r=code))):
        assert not at.exception
        summary = summarize(result, bank, "de", viewer)  # type: ignore[arg-type]
        shown = _shown(texts(at))
        told = [summary.headline, summary.met_text, *(c.band_label for c in summary.cards)]
        assert [part for part in told if _shown(part) not in shown] == []


@pytest.mark.parametrize(
    "version",
    [pytest.param(v, id=f"v{v}") for v in RELEASED],
)
def test_group_page_takes_every_bank(version: int) -> None:
    """The group page evaluates the codes of every answer set of a bank without an error and
    counts every person."""
    codes = [encode_share_code(s.answers) for s in answer_sets(version)]
    at = new_app(view=state.GROUP_VIEW)
    at.text_area(key=group_page.TEXT_KEY).input("\n".join(codes))
    at = at.button(key=group_page.EVALUATE_KEY).click().run()
    assert not at.exception
    assert not at.error
    frames = [d.value for d in at.dataframe if len(d.value) == len(codes)]
    assert frames, "no per-person table with one row per code"
