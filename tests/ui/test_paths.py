"""Model-based test of the ways people take through the check, on every bank and form.

A Hypothesis state machine drives the app (AppTest, with option values sent as a browser sends
them: tests/ui/browser.py) through random sequences of what people do — answer, change an
answer, "Kann ich (noch) nicht einschätzen", next, back, the browser's Back and Forward buttons,
reload, switch the language, open the result, the shared link, the comparison with colleagues'
feedback codes (adding a code there) and the methodology page — and
keeps a model of what the person did, and of the tab's history (the addresses it showed).
After every step `check` asserts the invariants: no exception and no error box (but the
"page incomplete" notice after a refused Weiter), no answer lost (model == session == URL
code), the radios on screen show exactly the code's answers, and a result equals the summary
of those answers computed with the domain functions.

Retake marks (rules 3): once the result has shown the rationales, the model keeps the scenario
and knowledge answers it showed them for; every later change of one of them (the action
`revise_after_result`, or any other way: Back, Forward, a changed answer on a question page) marks
its item for good. The URL's code must carry exactly the model's marks and the bit that the
rationales were shown after every step (so a reload, a language switch and the share link keep
them), and the result pages show the marks' sentence. A reload knows only the address: the
answers it carries are then the ones the rationales count as shown for.

Extra questions (rules 3, short form): the action `answer_extra_questions` opens the extra
questions the result offers, answers some and goes back to the result; the extra answers are
answers like all others (session, code, result), and never marked.

Adding an action: one @rule (with a @precondition when it needs a view), updating the model;
`check` runs after it. Every bank folder in questions/ takes part (a later v3 joins itself),
each as the newest bank of its time (a questions folder holding it and the ones before).
`make test` runs a small seeded sample; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) a long random one.

The browser's Back and Forward buttons: the tab's history holds one entry per place (page and
language: shared.one_entry_per_page); an answer replaces the entry shown, another page or
language pushes a new one (dropping those ahead). Back reruns the same session with the
previous entry's address: the model goes to that entry's page and language and keeps every
answer (state.answers_kept); the address is then rewritten in place (Streamlit replaces the
entry during a history navigation), and the radios show the answers under the key generation
the session then draws (state.item_key, Flow.generation). A reload keeps the tab's history; a
new tab (the shared link) has its own.
tests/e2e/test_language_browser.py switches the language in a real browser.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from streamlit.testing.v1 import AppTest

from assessment.bank.load import (
    ARTICLE_FILE,
    QUESTIONS_DIR,
    QUESTIONS_ENV,
    available_versions,
    load_bank,
)
from assessment.bank.models import (
    FORM_IDS,
    UNSURE,
    Bank,
    Experience,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    PreferenceItem,
    ProfileId,
    Scenario,
    TradeoffItem,
    answer_values,
)
from assessment.codes.links import (
    INVITE_VIEW,
    PEERS_PARAM,
    PROGRESS_PARAM,
    RATED_PARAM,
    SHARE_PARAM,
)
from assessment.codes.share import decode_code, markable
from assessment.engine.answers import Answers, extra_candidates
from assessment.engine.result import build_result
from assessment.i18n import Language, Viewer
from assessment.peer.codes import (
    Invitation,
    PeerAnswers,
    decode_peer_code,
    encode_invitation,
    encode_peer_code,
    peer_items,
)
from assessment.peer.compare import MIN_PEERS
from assessment.render.retake import revised_marks
from assessment.render.summary import Summary, summarize
from assessment.ui import extra as extra_page
from assessment.ui import peer, state
from assessment.ui import result as result_page
from assessment.ui.text import plain, t
from tests.ui.conftest import new_app, start, texts

pytestmark = pytest.mark.usefixtures("slow_clock")

FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
# `make test`: ten seeded paths of up to 25 steps per bank and form (about 50 s in all on a
# busy 2-core machine);
# `make fuzz`: 100 random paths of up to 50 steps each (about 30 minutes). PATHS_EXAMPLES and
# PATHS_STEPS override both.
PATHS = settings(
    max_examples=int(os.environ.get("PATHS_EXAMPLES", 100 if FUZZ else 10)),
    stateful_step_count=int(os.environ.get("PATHS_STEPS", 50 if FUZZ else 25)),
    derandomize=not FUZZ,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    print_blob=True,
    # PATHS_NO_SHRINK=1: report a failure at once, unshrunk (shrinking AppTest paths is slow).
    phases=[Phase.generate] if os.environ.get("PATHS_NO_SHRINK") else tuple(Phase),
)
PROFILE: ProfileId = "public"
BACKGROUND: Experience = "changer"
LANGUAGES: tuple[Language, ...] = ("de", "en")
# Which item or option an action takes: an index, wrapped around what the page offers.
PICK = st.integers(min_value=0, max_value=999)


@dataclass(frozen=True)
class Entry:
    """One entry of the tab's history: an address the session wrote, and the model then."""

    url: dict[str, str]
    page: int
    lang: Language


def place(url: dict[str, str]) -> tuple[object, ...]:
    """Return what an address names apart from the answers (one history entry each: the
    progress code's page, kind and language, and every other parameter)."""
    decoded = decode_code(url[PROGRESS_PARAM])
    others = tuple(sorted((k, v) for k, v in url.items() if k != PROGRESS_PARAM))
    return (decoded.kind, decoded.page, decoded.answers.language, others)


def offers_unsure(item: Item, bank: Bank) -> bool:
    """Return whether an item offers "Kann ich (noch) nicht einschätzen" (what presumes
    experience, in a bank that has the answer)."""
    if isinstance(item, LikertItem) and item.scale == "frequency":
        return True  # "keine Gelegenheit" (rules 4), on every frequency statement
    presumes = item.presumes if isinstance(item, LikertItem | TradeoffItem) else None
    return presumes is not None and bank.unsure_label is not None


def values_of(item: Item, bank: Bank) -> tuple[int | str, ...]:
    """Return the answers an item takes, "can't judge yet" excepted."""
    if isinstance(item, Scenario):
        return tuple(option.id for option in item.options)
    if isinstance(item, KnowledgeItem):  # "can't say" is one of its answers
        return (*(option.id for option in item.options), UNSURE)
    if isinstance(item, PreferenceItem):  # want, can live with, would chafe
        return (1, 2, 3)
    return answer_values(item)  # 1–5; 1–4 on a frequency statement (rules 4)


class Paths(RuleBasedStateMachine):
    """One person's way through one form of one bank (set by `for_bank`)."""

    version: int = 0
    form: FormId = "short"

    def __init__(self) -> None:
        super().__init__()
        self.bank = load_bank(self.version)
        self.pages = state.pages_of(self.version, self.form)
        self.at: AppTest = new_app()
        # The model: what the person did.
        self.answers: dict[str, int | str] = {}
        self.page = 0
        self.lang: Language = "de"
        self.refused = False  # the last Weiter was refused: the "page incomplete" notice shows
        self.generation = 0  # the item radios' key generation (state.item_key)
        # The tab's history from the first question page on; `at` is the entry shown.
        self.history: list[Entry] = []
        self.cursor = -1
        # Retake marks (rules 3): the answers the rationales were shown for, and the marks.
        self.markable = (
            frozenset(i.id for i in self.bank.form_items(self.form) if markable(i))
            if self.bank.rules.retake_marks
            else frozenset()
        )
        self.shown: dict[str, int | str] | None = None
        self.revised: set[str] = set()
        self.extra_rounds = 0  # extra questions answered (rules 3, short form)

    # -- views -------------------------------------------------------------------------------

    @property
    def on_result(self) -> bool:
        return self.page >= len(self.pages)

    @property
    def on_questions(self) -> bool:
        return not self.on_result

    def shown_items(self) -> tuple[Item, ...]:
        return self.pages[self.page]

    def run(self, at: AppTest | None = None) -> None:
        (at or self.at).run()

    def set_answer(self, item: Item, value: int | str) -> None:
        self.at.radio(key=state.item_key(item.id, self.lang, self.generation)).set_value(value)
        self.answers[item.id] = value

    def url(self) -> dict[str, str]:
        return {name: str(value) for name, value in self.at.query_params.items()}

    def record_url(self) -> None:
        """Note the address shown: in the place of the entry shown, it replaces that entry;
        elsewhere it is a new entry (dropping those ahead)."""
        url = self.url()
        entry = Entry(url, self.page, self.lang)
        if self.cursor >= 0 and place(self.history[self.cursor].url) == place(url):
            self.history[self.cursor] = entry
            return
        del self.history[self.cursor + 1 :]
        self.history.append(entry)
        self.cursor = len(self.history) - 1

    def go_to_entry(self, cursor: int) -> None:
        """Show another entry of the history in the same session (Back or Forward)."""
        entry = self.history[cursor]
        older_code = self.at.query_params[PROGRESS_PARAM]
        self.at.query_params.clear()
        self.at.query_params.update(entry.url)
        self.at.run()
        self.cursor = cursor
        if entry.url[PROGRESS_PARAM] != older_code:
            # The address changed the page in place: new radios on the same page (the
            # language switched back), plain ones on another.
            self.generation = self.generation + 1 if entry.page == self.page else 0
        # Every answer stays, those given since the entry was written too.
        self.page = entry.page
        self.lang = entry.lang
        self.refused = False
        # Rewritten with every answer, in place: Streamlit replaces the entry while it follows
        # the browser's history.
        self.history[cursor] = Entry(self.url(), self.page, self.lang)

    # -- actions -----------------------------------------------------------------------------

    @initialize(lang=st.sampled_from(LANGUAGES))
    def begin(self, lang: Language) -> None:
        """Open the start page (in either language), choose and start."""
        if lang != self.lang:
            self.switch_language()
        start(self.at, form=self.form, profile=PROFILE, background=BACKGROUND)
        self.refused = False
        self.generation = 0
        self.history, self.cursor = [], -1
        self.shown, self.revised = None, set()

    @precondition(lambda self: self.on_questions)
    @rule(pick=PICK, choice=PICK)
    def answer(self, pick: int, choice: int) -> None:
        """Answer one item on the page (or give another answer to one answered before)."""
        item = self.shown_items()[pick % len(self.shown_items())]
        values = values_of(item, self.bank)
        self.set_answer(item, values[choice % len(values)])
        self.run()

    @precondition(lambda self: self.on_questions)
    @rule(pick=PICK, choice=PICK)
    def change_answer(self, pick: int, choice: int) -> None:
        """Give an answered item another answer."""
        answered = [item for item in self.shown_items() if item.id in self.answers]
        if not answered:
            return
        item = answered[pick % len(answered)]
        others = [v for v in values_of(item, self.bank) if v != self.answers[item.id]]
        self.set_answer(item, others[choice % len(others)])
        self.run()

    @precondition(lambda self: self.on_questions)
    @rule(pick=PICK)
    def cannot_judge_yet(self, pick: int) -> None:
        """Choose "Kann ich (noch) nicht einschätzen" where the page offers it."""
        offered = [item for item in self.shown_items() if offers_unsure(item, self.bank)]
        if not offered:
            return
        self.set_answer(offered[pick % len(offered)], UNSURE)
        self.run()

    @precondition(lambda self: self.on_questions)
    @rule(seed=PICK)
    def answer_page(self, seed: int) -> None:
        """Answer every open item on the page (the seed spreads the answers)."""
        for number, item in enumerate(self.shown_items()):
            if item.id not in self.answers:
                values = values_of(item, self.bank)
                self.set_answer(item, values[(seed + 3 * number) % len(values)])
        self.run()

    @precondition(lambda self: self.on_questions)
    @rule()
    def next_page(self) -> None:
        """Press Weiter (Auswerten on the last page): refused while the page is incomplete."""
        self.at.button(key="nav_next").click().run()
        complete = all(item.id in self.answers for item in self.shown_items())
        self.refused = not complete
        if complete:
            self.page += 1
            self.generation = 0

    @precondition(lambda self: self.on_questions and self.page > 0)
    @rule()
    def back(self) -> None:
        """Press Zurück."""
        self.at.button(key="nav_back").click().run()
        self.page -= 1
        self.refused = False
        self.generation = 0

    @precondition(lambda self: self.cursor > 0)
    @rule()
    def browser_back(self) -> None:
        """Press the browser's Back button: the session reruns with the previous address, the
        previous page (or the language before a switch), never the same page with an answer
        less (issue 22)."""
        before = (self.page, self.lang)
        self.go_to_entry(self.cursor - 1)
        assert (self.page, self.lang) != before

    @precondition(lambda self: 0 <= self.cursor < len(self.history) - 1)
    @rule()
    def browser_forward(self) -> None:
        """Press the browser's Forward button after Back: the newer address comes back."""
        self.go_to_entry(self.cursor + 1)

    @precondition(lambda self: self.on_questions and self.page > 0)
    @rule(seed=PICK)
    def open_result(self, seed: int) -> None:
        """Answer everything still open and go on to the result (once past the first page, so
        that paths spend their steps on the questions too)."""
        while self.on_questions:
            self.answer_page(seed)
            self.next_page()
            self.check()

    @precondition(lambda self: self.on_result and self.markable)
    @rule(pick=PICK, choice=PICK)
    def revise_after_result(self, pick: int, choice: int) -> None:
        """After the result showed the rationales: "Antworten ändern", back to the nearest page
        with a situation or knowledge question, and answer one of them differently (a retake)."""
        self.change_answers_from_result()
        while not any(item.id in self.markable for item in self.shown_items()):
            self.check()
            self.back()
        self.check()
        items = [item for item in self.shown_items() if item.id in self.markable]
        item = items[pick % len(items)]
        others = [v for v in values_of(item, self.bank) if v != self.answers[item.id]]
        self.set_answer(item, others[choice % len(others)])
        self.run()

    @precondition(lambda self: self.on_result and self.bank.rules.extra_questions)
    @rule(pick=PICK, choice=PICK, reload=st.booleans())
    def answer_extra_questions(self, pick: int, choice: int, reload: bool) -> None:
        """Where the result offers extra questions (borderline or provisional demands): open
        them, answer some (from the pick-th on, every other one), maybe reload (the same extra
        page with the same count, usability pass m7), and update the result. The extra answers
        are answers like all others: in the session, the code and the result."""
        if not [b for b in self.at.button if b.key == extra_page.OPEN_KEY]:
            return
        self.at.button(key=extra_page.OPEN_KEY).click().run()
        assert not self.at.exception
        offered = [self.bank.item(i) for i in self.at.session_state[state.FLOW_KEY].extra_items]
        assert offered
        assert not any(item.id in self.answers for item in offered)
        position = {item.id: number for number, item in enumerate(offered)}
        reloaded = not reload
        while True:  # page by page (extra.PAGE_ITEMS a page)
            radios = [
                r.key for r in self.at.radio if r.key and r.key.startswith(state.ITEM_KEY_PREFIX)
            ]
            for item_id in [state.item_of_key(str(key)) for key in radios]:
                number, item = position[item_id], self.bank.item(item_id)
                if (number + pick) % 2 == 0:
                    values = values_of(item, self.bank)
                    self.set_answer(item, values[(choice + number) % len(values)])
                    self.run()
            if not reloaded:
                reloaded = True
                progress = self.at.get("progress")[0].proto.text
                self.reload()
                assert not self.at.exception
                assert self.at.title[0].value == t("extra.ui.page_heading", self.lang)
                assert self.at.get("progress")[0].proto.text == progress
                flow = self.at.session_state[state.FLOW_KEY]
                assert flow.extra_items == tuple(position)
            if extra_page.NEXT_KEY not in [b.key for b in self.at.button]:
                break
            self.at.button(key=extra_page.NEXT_KEY).click().run()
        self.at.button(key=extra_page.DONE_KEY).click().run()
        self.extra_rounds += 1

    @precondition(lambda self: self.on_result)
    @rule()
    def change_answers_from_result(self) -> None:
        """Press "Antworten ändern" on the result: back to the last page."""
        self.at.button(key=result_page.EDIT_KEY).click().run()
        self.page = len(self.pages) - 1
        self.generation = 0

    @rule()
    def reload(self) -> None:
        """Reload the page: a new session opens the address shown (the tab's history stays)."""
        self.at = new_app(**dict(self.at.query_params))
        self.refused = False
        self.generation = 0
        self.forget_session()

    def forget_session(self) -> None:
        """A new session knows only the address: the rationales count as shown for its answers."""
        if self.shown is not None:
            self.shown = {i: v for i, v in self.answers.items() if i in self.markable}

    @rule()
    def switch_language(self) -> None:
        """Press the other language."""
        self.lang = "en" if self.lang == "de" else "de"
        self.at.segmented_control(key="lang_switch").set_value(self.lang).run()

    @precondition(lambda self: self.on_result)
    @rule(switch=st.booleans())
    def open_shared_link(self, switch: bool) -> None:
        """Open the result's share link (?r=) in a new tab; maybe switch its language there."""
        links = [c.value for c in self.at.code if c.value.startswith(f"?{SHARE_PARAM}=")]
        assert len(links) == 1, "the result page shows one share link"
        code = links[0].removeprefix(f"?{SHARE_PARAM}=")
        assert decode_code(code).answers.responses == self.answers
        assert decode_code(code).answers.revised == tuple(sorted(self.revised))
        viewer = new_app(r=code)
        lang: Language = self.lang
        if switch:
            lang = "en" if lang == "de" else "de"
            viewer.segmented_control(key="lang_switch").set_value(lang).run()
        assert not viewer.exception
        assert not viewer.error
        expected = self.expected_summary(lang, viewer="other")
        assert plain(expected.headline) in [h.value for h in viewer.header]
        for card in expected.cards:
            assert plain(card.verdict).replace("\\", "") in texts(viewer)
        self.check_marks_said(viewer, lang)

    @precondition(lambda self: self.on_result and self.bank.peer)
    @rule(value=st.integers(min_value=1, max_value=3))
    def compare_with_colleagues(self, value: int) -> None:
        """Paste two colleagues' feedback codes on the result and compare (too few: no figures,
        but the box for more), add a third code there (the figures show), go back to the own
        result. The comparison's history entries are not modelled: the tab's history starts
        anew at the result."""
        codes = [self.colleague_code(value + n) for n in range(3)]
        self.at.text_area(key=peer.PASTE_KEY).input("\n".join(codes[:2])).run()
        self.at.button(key=peer.COMPARE_KEY).click().run()
        self.check_comparison(codes[:2])
        self.at.text_area(key=peer.ADD_KEY).input(codes[2]).run()
        self.at.button(key=peer.ADD_BUTTON_KEY).click().run()
        self.check_comparison(codes)
        self.at.button(key=peer.BACK_TO_OWN_KEY).click().run()
        self.history, self.cursor = [], -1

    def colleague_code(self, value: int) -> str:
        """Return a colleague's feedback code rating every statement of the form alike."""
        responses: dict[str, int | str] = {
            item.id: value for item in peer_items(self.bank, self.form)
        }
        return encode_peer_code(
            PeerAnswers(bank_version=self.version, form=self.form, responses=responses)
        )

    def check_comparison(self, codes: list[str]) -> None:
        """The comparison of the model's answers with exactly these codes, spoken to the person,
        with figures from three codes on and always the box for more; the session untouched."""
        at = self.at
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error, [e.value for e in at.error]
        assert at.query_params[PEERS_PARAM] == ",".join(codes)
        assert decode_code(at.query_params[SHARE_PARAM]).answers.responses == self.answers
        assert len(at.get("vega_lite_chart")) == (1 if len(codes) >= MIN_PEERS else 0)
        assert [a.key for a in at.text_area] == [peer.ADD_KEY]
        assert at.button(key=peer.BACK_TO_OWN_KEY) is not None, "spoken to the person"
        assert at.session_state[state.FLOW_KEY].responses == self.answers

    @rule()
    def open_method_and_come_back(self) -> None:
        """Open the methodology page (a link in the same tab), switch its language, then go
        back to the address before it (the browser reloads it)."""
        query = dict(self.at.query_params)
        method = new_app(view=state.METHOD_VIEW, lang=self.lang)
        other: Language = "en" if self.lang == "de" else "de"
        for lang in (self.lang, other):
            if lang != self.lang:
                method.segmented_control(key="lang_switch").set_value(lang).run()
            assert not method.exception
            assert not method.error
            assert method.title
            assert method.query_params["lang"] == lang
        self.at = new_app(**query)
        self.refused = False
        self.generation = 0
        self.forget_session()
        del self.history[self.cursor + 1 :]  # ahead now: the methodology page (not modelled)

    # -- what must hold ----------------------------------------------------------------------

    def coded_answers(self) -> Answers:
        """Return the answers the URL's code holds (checked against the model in `check`)."""
        return decode_code(self.at.query_params[PROGRESS_PARAM]).answers

    def expected_summary(self, lang: Language, viewer: Viewer = "self") -> Summary:
        """Return the summary of the answers, computed with the domain functions."""
        # The own result knows the background (for the salary check); a shared one does not.
        experience: Experience | None = BACKGROUND if viewer == "self" else None
        result = build_result(self.coded_answers(), self.bank, experience)
        return summarize(result, self.bank, lang, viewer=viewer)

    def note_marks(self) -> None:
        """The model of retake marks: the result shows the rationales for the answers of the
        moment; from then on an answer that differs from those marks its item."""
        if self.markable and self.on_result and self.shown is None:
            self.shown = {i: v for i, v in self.answers.items() if i in self.markable}
        if self.shown is not None:
            shown = self.shown
            self.revised |= {
                i for i, v in self.answers.items() if i in self.markable and shown.get(i) != v
            }

    def check_marks_said(self, at: AppTest, lang: Language) -> None:
        """A result page says what was changed after the rationales, and only then."""
        marks = revised_marks(self.coded_answers(), self.bank, lang)
        assert (marks is not None) == bool(self.revised)
        if marks is not None:
            assert marks in texts(at)

    @invariant()
    def check(self) -> None:
        """The invariants after every step."""
        self.note_marks()
        at = self.at
        assert not at.exception, [e.value for e in at.exception]
        missing = t("ui.quest.missing", self.lang)
        errors = [e.value for e in at.error]
        incomplete = self.on_questions and any(i.id not in self.answers for i in self.shown_items())
        if self.refused and incomplete:
            assert len(errors) == 1, errors
            assert errors[0].startswith(missing), errors
        else:
            assert not errors, errors
        current = at.session_state[state.FLOW_KEY]
        assert current.started
        assert (current.bank_version, current.form) == (self.version, self.form)
        assert current.responses == self.answers, "no answer lost, none invented"
        assert current.page == self.page
        assert current.generation == self.generation
        assert at.session_state[state.LANG_KEY] == self.lang
        assert at.query_params["lang"] == self.lang
        decoded = decode_code(at.query_params[PROGRESS_PARAM])
        assert decoded.answers.responses == self.answers, "the URL code holds every answer"
        assert decoded.answers.language == self.lang
        assert decoded.answers.profile == PROFILE
        assert decoded.page == self.page
        assert decoded.answers.revised == tuple(sorted(self.revised)), "every retake mark kept"
        assert decoded.seen == (self.shown is not None)
        if self.on_questions:
            self.check_question_page(decoded.answers.responses)
        else:
            self.check_result()
        self.record_url()

    def check_question_page(self, coded: dict[str, int | str]) -> None:
        """The radios on screen are the page's items, in the language shown, with the code's
        answers."""
        at = self.at
        radios = [r for r in at.radio if r.key and r.key.startswith(state.ITEM_KEY_PREFIX)]
        generation = at.session_state[state.FLOW_KEY].generation
        assert [r.key for r in radios] == [
            state.item_key(item.id, self.lang, generation) for item in self.shown_items()
        ]
        assert {state.item_of_key(str(r.key)): r.value for r in radios} == {
            item.id: coded.get(item.id) for item in self.shown_items()
        }

    def check_result(self) -> None:
        """The result shown is the summary of the model's answers, computed directly."""
        at = self.at
        assert not [r for r in at.radio if r.key and r.key.startswith(state.ITEM_KEY_PREFIX)]
        expected = self.expected_summary(self.lang)
        own = at.session_state[result_page.OWN_RESULT_KEY][1]
        shown = at.session_state[result_page.OWN_RESULT_KEY][2]
        assert shown.model_dump() == expected.model_dump()
        # Own result = shared result (UX pass 3, m-1): what the share link opens has the same
        # scores, quality notes, provisional flag and verdict as the owner's page.
        links = [c.value for c in at.code if c.value.startswith(f"?{SHARE_PARAM}=")]
        assert len(links) == 1, "the result page shows one share link"
        code = links[0].removeprefix(f"?{SHARE_PARAM}=")
        other = build_result(decode_code(code).answers, self.bank)
        assert (own.scores, own.quality, own.tentative, own.match) == (
            other.scores,
            other.quality,
            other.tentative,
            other.match,
        )
        assert plain(expected.headline) in [h.value for h in at.header]
        for card in expected.cards:
            assert plain(card.verdict).replace("\\", "") in texts(at)
        self.check_marks_said(at, self.lang)


def questions_up_to(version: int, root: Path) -> Path:
    """Return a questions folder holding the banks up to a version (it is the newest there)."""
    root.mkdir()
    for older in available_versions():
        if older <= version:
            (root / f"v{older}").symlink_to(QUESTIONS_DIR / f"v{older}", target_is_directory=True)
    (root / ARTICLE_FILE).symlink_to(QUESTIONS_DIR / ARTICLE_FILE)
    return root


def bank_forms() -> Iterator[tuple[int, FormId]]:
    for version in available_versions():
        for form in FORM_IDS:
            yield version, form


@pytest.fixture(params=list(bank_forms()), ids=lambda vf: f"v{vf[0]}-{vf[1]}")
def machine(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> type[Paths]:
    """The state machine of a form of a bank, with that bank the newest one."""
    version, form = request.param
    monkeypatch.setenv(QUESTIONS_ENV, str(questions_up_to(version, tmp_path / "questions")))
    return type(f"PathsV{version}{form.title()}", (Paths,), {"version": version, "form": form})


def test_paths(machine: type[Paths]) -> None:
    """Random ways through a form of a bank keep every invariant after every step."""
    run_state_machine_as_test(machine, settings=PATHS)


def test_every_action_on_one_path(machine: type[Paths]) -> None:
    """One fixed way that takes every action at least once (the random sample may miss some),
    checking the invariants after each."""
    path = machine()
    steps: list[Callable[[], None]] = [
        lambda: path.begin("de"),
        lambda: path.answer(0, 3),
        lambda: path.change_answer(0, 1),
        lambda: path.cannot_judge_yet(0),
        path.next_page,  # refused: the page is incomplete
        path.switch_language,
        path.browser_back,  # the address before the switch: German again
        path.browser_forward,
        lambda: path.answer_page(1),
        path.next_page,
        path.reload,
        lambda: path.answer(1, 2),
        path.browser_back,  # the answer just given is gone, on screen too
        path.browser_forward,  # and back again
        path.back,
        path.switch_language,
        path.next_page,
        path.open_method_and_come_back,
        lambda: path.open_result(2),
        lambda: path.answer_extra_questions(0, 1, True),  # rules 3, short form: where offered;
        # a reload on the extra page stays on it (usability pass m7)
        lambda: path.open_shared_link(True),
        path.browser_back,  # from the result to the last page, every answer kept
        # The session rewrites that entry in place (rules 3: saying the rationales were
        # shown), so Forward leads to the result again; so do the same answers, with no mark.
        path.browser_forward if not path.markable else lambda: path.open_result(2),
        path.switch_language,
        path.browser_back,  # the result in the language before: a new key generation
        path.change_answers_from_result,  # the last page's radios under the plain keys again
        path.next_page,
        path.reload,
        path.change_answers_from_result,
        lambda: path.cannot_judge_yet(1),
        path.next_page,
        lambda: path.open_shared_link(False),
        *([lambda: path.compare_with_colleagues(2)] if path.bank.peer else []),
        *(
            [
                lambda: path.revise_after_result(0, 1),  # a retake: marked from now on
                lambda: path.open_result(3),
                path.switch_language,
                path.reload,
                lambda: path.open_shared_link(True),
                path.browser_back,  # the last page before: the mark stays
                path.browser_back,
                path.reload,
                lambda: path.open_result(1),
            ]
            if path.markable
            else []
        ),
    ]
    for step in steps:
        step()
        path.check()
    assert path.on_result
    assert bool(path.revised) == bool(path.markable)
    assert bool(path.extra_rounds) == bool(extra_candidates(path.bank, path.form))
    path.teardown()


# -- a colleague's questionnaire ---------------------------------------------------------------


class ColleaguePaths(RuleBasedStateMachine):
    """A colleague's way through the questionnaire of an invitation (set by `colleague`): rate,
    change a rating, next and back, switch the language, reload, send and go back to edit.
    After every step the session, the URL's `?rated=` code and the radios on screen hold
    exactly the ratings given, on the page the model expects."""

    version: int = 0
    form: FormId = "short"

    def __init__(self) -> None:
        super().__init__()
        self.pages = peer.peer_pages(load_bank(self.version), self.form)
        token = encode_invitation(
            Invitation(
                bank_version=self.version, form=self.form, language="de", invitation_id="C0FFEE"
            )
        )
        self.at: AppTest = new_app(view=INVITE_VIEW, i=token)
        self.ratings: dict[str, int | str] = {}
        self.page = 0
        self.lang: Language = "de"
        self.sent = False  # the thank-you page shows

    def key(self, item_id: str) -> str:
        return state.widget_key(f"{peer.RATING_PREFIX}{item_id}", self.lang)

    @precondition(lambda self: not self.sent)
    @rule(pick=PICK, choice=PICK)
    def rate(self, pick: int, choice: int) -> None:
        """Click a rating on the page (a new one or another for a statement rated before)."""
        items = self.pages[self.page]
        item = items[pick % len(items)]
        # The agreement ratings' index; on a frequency statement (1–4) the same but 5 → 1.
        values = peer.rating_values(item)
        index = choice % len(peer.VALUES)
        value = UNSURE if index == len(peer.VALUES) - 1 else values[index % (len(values) - 1)]
        self.at.radio(key=self.key(item.id)).set_value(value).run()
        self.ratings[item.id] = value

    @precondition(lambda self: not self.sent and self.page < len(self.pages) - 1)
    @rule()
    def next_page(self) -> None:
        """Press Weiter (nothing is required on a colleague's page)."""
        self.at.button(key=peer.NEXT_KEY).click().run()
        self.page += 1

    @precondition(lambda self: not self.sent and self.page > 0)
    @rule()
    def back(self) -> None:
        """Press Zurück."""
        self.at.button(key=peer.BACK_KEY).click().run()
        self.page -= 1

    @rule()
    def switch_language(self) -> None:
        """Press the other language."""
        self.lang = "en" if self.lang == "de" else "de"
        self.at.segmented_control(key="lang_switch").set_value(self.lang).run()

    @rule()
    def reload(self) -> None:
        """Reload: a new session opens the same address on the page it names (since flow22's
        "colleague reload stays on its page"), else at the first page not fully rated."""
        addressed = self.at.query_params.get(peer.PAGE_PARAM)
        self.at = new_app(**self.at.query_params)
        self.sent = False
        if addressed is not None and addressed.isdigit():
            self.page = int(addressed) - 1
            return
        self.page = next(
            (
                n
                for n, items in enumerate(self.pages)
                if any(i.id not in self.ratings for i in items)
            ),
            len(self.pages) - 1,
        )

    @precondition(lambda self: not self.sent and self.ratings and self.page == len(self.pages) - 1)
    @rule()
    def send(self) -> None:
        """Press "Fertig" on the last page: the thank-you page shows the peer code of exactly
        the ratings."""
        self.at.button(key=peer.SUBMIT_KEY).click().run()
        self.sent = True
        assert dict(decode_peer_code(self.at.code[0].value).responses) == self.ratings

    @precondition(lambda self: self.sent)
    @rule()
    def edit(self) -> None:
        """Back from the thank-you page to the ratings (the last page)."""
        self.at.button(key=peer.EDIT_KEY).click().run()
        self.sent = False

    @invariant()
    def check(self) -> None:
        at = self.at
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error, [e.value for e in at.error]
        assert at.session_state[state.LANG_KEY] == self.lang
        coded = at.query_params.get(RATED_PARAM)
        assert (dict(decode_peer_code(coded).responses) if coded else {}) == self.ratings
        radios = [r for r in at.radio if r.key and r.key.startswith(peer.RATING_PREFIX)]
        if self.sent:
            assert not radios
            return
        items = self.pages[self.page]
        assert [r.key for r in radios] == [self.key(item.id) for item in items]
        shown = {item.id: radio.value for item, radio in zip(items, radios, strict=True)}
        assert shown == {item.id: self.ratings.get(item.id) for item in items}


@pytest.fixture(
    params=[vf for vf in bank_forms() if load_bank(vf[0]).peer],
    ids=lambda vf: f"v{vf[0]}-{vf[1]}",
)
def colleague(request: pytest.FixtureRequest) -> type[ColleaguePaths]:
    """The colleague's state machine for an invitation to a form of a bank with a peer view."""
    version, form = request.param
    name = f"ColleaguePathsV{version}{form.title()}"
    return type(name, (ColleaguePaths,), {"version": version, "form": form})


def test_colleague_paths(colleague: type[ColleaguePaths]) -> None:
    """Random ways through a colleague's questionnaire never lose or garble a rating."""
    run_state_machine_as_test(colleague, settings=PATHS)


def test_every_colleague_action_on_one_path(colleague: type[ColleaguePaths]) -> None:
    """One fixed way that takes every colleague action, checking the invariants after each."""
    path = colleague()

    def to_last() -> None:
        while path.page < len(path.pages) - 1:
            path.next_page()
            path.check()

    steps: list[Callable[[], None]] = [
        lambda: path.rate(0, 2),
        lambda: path.rate(1, 5),  # "can't judge"
        path.switch_language,
        lambda: path.rate(2, 4),
        lambda: path.rate(0, 0),  # changed
        path.next_page,
        lambda: path.rate(3, 1),
        path.back,
        path.next_page,
        path.reload,  # stays on page 2, the page in the address
        to_last,
        path.switch_language,
        path.send,
        path.switch_language,
        path.edit,
        lambda: path.rate(4, 3),
        path.reload,
        to_last,
        path.send,
    ]
    for step in steps:
        step()
        path.check()
    assert len(path.ratings) == 5
    assert path.sent
    path.teardown()
