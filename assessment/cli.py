"""The command line: bank as JSON, scoring of answers and codes, encoding, group view, schemas."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from assessment.errors import AnswersError, BankError, SelbstcheckError
from assessment.i18n import LANGUAGES, Language

if TYPE_CHECKING:
    from assessment.bank.models import Bank

MAX_ANSWERS_FILE_BYTES = 1_000_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
EXIT_USAGE = 2
PROFILE_CHOICES = ("duisburg", "public", "mittelstand", "industry")


def read_answers_file(path: Path, language: Language) -> Any:
    """Return the Answers in a JSON file, or raise AnswersError saying what is wrong with it."""
    from assessment.engine.answers import Answers
    from assessment.files import FileRefusedError, read_regular_file

    try:
        raw = read_regular_file(path, MAX_ANSWERS_FILE_BYTES)
    except FileRefusedError as refusal:
        if refusal.kind == "not_regular":
            raise AnswersError("answers.file_not_regular", path=path) from None
        raise AnswersError("answers.file_invalid", path=path, reason="> 1 MB") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise AnswersError("answers.file_unreadable", path=path, reason=reason) from None
    try:
        # A byte-order mark, as some Windows editors write it, is not part of the JSON.
        data = json.loads(raw.decode("utf-8-sig"))
        return Answers.model_validate(data)
    except UnicodeDecodeError:
        raise AnswersError("answers.file_invalid", path=path, reason="not UTF-8 text") from None
    except json.JSONDecodeError as error:
        reason = f"JSON, line {error.lineno}: {error.msg}"
        raise AnswersError("answers.file_invalid", path=path, reason=reason) from None
    except RecursionError:
        reason = "JSON nested too deeply"
        raise AnswersError("answers.file_invalid", path=path, reason=reason) from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        reason = f"{where}: {first['msg']}"
        raise AnswersError("answers.file_invalid", path=path, reason=reason) from None
    except ValueError as error:  # e.g. integers with more digits than Python converts
        raise AnswersError("answers.file_invalid", path=path, reason=str(error)[:80]) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selbstcheck",
        description="Selbstcheck IT-Leitung Duisburg – question bank, scoring and share codes.",
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="de", help="language of the output")
    commands = parser.add_subparsers(dest="command", required=True)

    bank = commands.add_parser("bank", help="print a bank version as JSON")
    bank.add_argument("--version", type=int, default=None, help="bank version (default: newest)")

    score = commands.add_parser("score", help="score an answers file or a share code")
    source = score.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", type=Path, help="JSON answers file")
    source.add_argument(
        "--code", help="a share, progress, peer or summary code, or a link containing one"
    )
    score.add_argument("--profile", choices=PROFILE_CHOICES)
    score.add_argument("--json", action="store_true", help="print the result as JSON")

    encode = commands.add_parser("encode", help="print the share code for an answers file")
    encode.add_argument("file", type=Path)

    commands.add_parser("check-bank", help="validate every bank version")

    mirror = commands.add_parser(
        "mirror", help="compare a share code with colleagues' peer codes (Fremdbild)"
    )
    mirror.add_argument("share_code", help="the person's share code, or a link containing one")
    mirror.add_argument(
        "peer_codes", nargs="*", help="peer codes of colleagues (3 to 12), or one summary code"
    )
    mirror.add_argument("--json", action="store_true", help="print the comparison as JSON")

    summarize = commands.add_parser(
        "summarize-peers",
        help="turn at least 3 peer codes into one summary code (for a trusted third person)",
    )
    summarize.add_argument("peer_codes", nargs="+", help="peer codes of colleagues (up to 40)")
    summarize.add_argument(
        "--invitation",
        help="the invitation link or token the codes answer (default: the first code's)",
    )
    summarize.add_argument("--json", action="store_true", help="print the summary as JSON")

    group = commands.add_parser(
        "group", help="overview and item statistics for a file of share codes (one per line)"
    )
    group.add_argument("file", type=Path, help="text or CSV file of share codes or links")
    group.add_argument(
        "--profile", choices=PROFILE_CHOICES, default="duisburg", help="setting to compare with"
    )
    group.add_argument("--json", action="store_true", help="print everything as JSON")

    schema = commands.add_parser("schema", help="print a JSON Schema")
    schema.add_argument("which", choices=("bank", "answers", "result"))
    return parser


def _fail(message: str) -> None:
    """Write one error line; control characters from the input are shown escaped."""
    line = _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)
    sys.stderr.write(f"selbstcheck: {line}\n")


def _emit(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _score(args: argparse.Namespace, lang: Language) -> None:
    from assessment.bank.load import load_bank
    from assessment.codes.links import code_from_text
    from assessment.codes.share import decode_code
    from assessment.engine.result import build_result
    from assessment.render.text import render_text

    if args.code is not None:
        code = code_from_text(args.code)
        from assessment.peer.codes import is_peer_code, is_summary_code

        if is_peer_code(code):
            _peer_ratings(code, args.json, lang)
            return
        if is_summary_code(code):
            _summary(code, args.json, lang)
            return
        answers = decode_code(code).answers
    else:
        answers = read_answers_file(args.file, lang)
    if args.profile:
        answers = answers.model_copy(update={"profile": args.profile})
    try:
        bank = load_bank(answers.bank_version)
    except BankError:
        raise AnswersError("code.unknown_version", version=answers.bank_version) from None
    result = build_result(answers, bank)
    if args.json:
        _emit(result.model_dump(mode="json"))
    else:
        from assessment.codes.share import encode_share_code

        sys.stdout.write(render_text(result, bank, lang, code=encode_share_code(answers)))


def _peer_ratings(code: str, as_json: bool, lang: Language) -> None:
    from assessment.bank.load import load_bank
    from assessment.peer.codes import decode_peer_code
    from assessment.peer.text import render_peer_ratings

    peer = decode_peer_code(code)
    if as_json:
        _emit(peer.model_dump(mode="json"))
    else:
        sys.stdout.write(render_peer_ratings(peer, load_bank(peer.bank_version), lang))


def _summary(code: str, as_json: bool, lang: Language) -> None:
    from assessment.bank.load import load_bank
    from assessment.peer.summary import decode_summary
    from assessment.peer.text import render_summary_text

    summary = decode_summary(code)
    if as_json:
        _emit(summary.model_dump(mode="json"))
    else:
        sys.stdout.write(render_summary_text(summary, load_bank(summary.bank_version), lang))


def _summarize_peers(args: argparse.Namespace, lang: Language) -> None:
    from urllib.parse import parse_qs, urlsplit

    from assessment.bank.load import load_bank
    from assessment.errors import CodeError
    from assessment.messages import msg
    from assessment.peer.codes import decode_invitation, decode_peer_code
    from assessment.peer.compare import MIN_PEERS, summarize_codes
    from assessment.peer.summary import encode_summary
    from assessment.peer.text import render_summary_text

    codes = [code.strip(",") for code in args.peer_codes]
    expected: str | None = None
    if args.invitation is not None:
        text = args.invitation.strip()
        if "?" in text:
            text = parse_qs(urlsplit(text).query).get("i", [""])[0]
        invitation = decode_invitation(text)
        version, form, expected = invitation.bank_version, invitation.form, invitation.invitation_id
    else:
        for code in codes:
            try:
                first = decode_peer_code(code)
            except CodeError:
                continue
            version, form = first.bank_version, first.form
            break
        else:
            raise CodeError("peer.summary_too_few", minimum=MIN_PEERS, count=0)
    bank = load_bank(version)
    summary, selection = summarize_codes(codes, bank, form, expected)
    refusals = [
        msg(
            "peer.refused_line",
            lang,
            number=refused.number,
            reason=msg(refused.key, lang, **dict(refused.params)),
        )
        for refused in selection.refused
    ]
    if summary is None:
        for line in refusals:
            sys.stderr.write(f"  {line}\n")
        raise CodeError("peer.summary_too_few", minimum=MIN_PEERS, count=len(selection.peers))
    code = encode_summary(summary)
    if args.json:
        _emit(
            {
                "summary_code": code,
                "summary": summary.model_dump(mode="json"),
                "used": len(selection.peers),
                "given": len(codes),
                "refused": [
                    {"number": r.number, "key": r.key, "message": line}
                    for r, line in zip(selection.refused, refusals, strict=True)
                ],
            }
        )
        return
    lines = [msg("peer.summary_made", lang, used=len(selection.peers), given=len(codes)), code, ""]
    if refusals:
        lines.extend([msg("peer.refused_heading", lang), *(f"  {line}" for line in refusals), ""])
    sys.stdout.write("\n".join(lines) + "\n" + render_summary_text(summary, bank, lang))


def _mirror(args: argparse.Namespace, lang: Language) -> None:
    from assessment.bank.load import load_bank
    from assessment.codes.links import code_from_text
    from assessment.codes.share import decode_code
    from assessment.peer.compare import mirror_codes
    from assessment.peer.text import mirror_json, render_mirror_text

    answers = decode_code(code_from_text(args.share_code)).answers
    mirror = mirror_codes(answers, [code.strip(",") for code in args.peer_codes])
    bank = load_bank(answers.bank_version)
    if args.json:
        sys.stdout.write(mirror_json(mirror, bank, lang) + "\n")
    else:
        sys.stdout.write(render_mirror_text(mirror, bank, lang))
        if bank.rules.views_apart and mirror.enough:
            from assessment.engine.result import build_result
            from assessment.render.summary import summarize
            from assessment.render.text import views_text
            from assessment.render.views import with_peers

            summary = with_peers(summarize(build_result(answers, bank), bank, lang), mirror)
            sys.stdout.write("\n" + views_text(summary))


def _group(args: argparse.Namespace, lang: Language) -> None:
    from assessment.group.itemstats import item_statistics
    from assessment.group.overview import GroupError, parse_codes, read_codes_file, score_group
    from assessment.group.text import group_json, render_group_text

    text = read_codes_file(args.file)
    if not text.strip():
        raise GroupError("group.empty")
    answers, invalid = parse_codes(text)
    group = score_group(answers, args.profile)
    stats = item_statistics(answers) if answers else None
    if args.json:
        _emit(group_json(group, invalid, stats, lang))
    else:
        sys.stdout.write(render_group_text(group, invalid, stats, lang))
    if not answers:
        raise GroupError("group.no_valid_codes", count=len(invalid))


def run(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit status."""
    args = _parser().parse_args(argv)
    lang: Language = args.lang
    try:
        if args.command == "bank":
            from assessment.bank.load import load_bank

            _emit(load_bank(args.version).model_dump(mode="json"))
        elif args.command == "score":
            _score(args, lang)
        elif args.command == "encode":
            from assessment.codes.share import encode_share_code

            sys.stdout.write(encode_share_code(read_answers_file(args.file, lang)) + "\n")
        elif args.command == "check-bank":
            from assessment.bank.load import (
                available_versions,
                load_bank,
                quotes_missing_from_article,
            )

            for version in available_versions():
                bank = load_bank(version)
                missing = quotes_missing_from_article(bank)
                if missing:
                    raise BankError(f"v{version}", missing[0], "not word for word in the article")
                sys.stdout.write(
                    f"v{version}: ok ({len(bank.dimensions)} dimensions,"
                    f" {len(bank.likert)} statements, {len(bank.tradeoffs)} trade-offs,"
                    f" {len(bank.scenarios)} scenarios, {len(bank.virtues)} validity statements;"
                    " every quote stands in the article"
                    + ("; every statement and trade-off has its peer text" if bank.peer else "")
                    + _preferences_note(bank)
                    + ")\n"
                )
        elif args.command == "group":
            _group(args, lang)
        elif args.command == "mirror":
            _mirror(args, lang)
        elif args.command == "summarize-peers":
            _summarize_peers(args, lang)
        elif args.command == "schema":
            _emit(_schema(args.which))
    except SelbstcheckError as error:
        _fail(error.message(lang))
        return EXIT_USAGE
    except BankError as error:
        _fail(str(error))
        return EXIT_USAGE
    return 0


def _schema(which: str) -> dict[str, Any]:
    from assessment.bank.models import Bank
    from assessment.engine.answers import Answers
    from assessment.engine.result import Result

    models: dict[str, type[BaseModel]] = {"bank": Bank, "answers": Answers, "result": Result}
    return models[which].model_json_schema()


def _preferences_note(bank: Bank) -> str:
    """Return check-bank's words on the working-conditions block ("" for a bank without it)."""
    block = bank.preferences
    if block is None:
        return ""
    readings = sum(condition.reading for condition in block.conditions)
    return (
        f"; {len(block.items)} working conditions, {len(block.conditions)} setting conditions,"
        f" each with its source or labelled as a reading ({readings})"
    )


def main() -> None:
    """Console entry point."""
    sys.exit(run())
