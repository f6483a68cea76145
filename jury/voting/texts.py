"""What voting letters share: the contest's name and moments in the voter's language, and
the markers that let `jury.quoting` leave a quoted ballot out of a reply."""

from __future__ import annotations

from datetime import datetime

from hub.clock import load_zone
from hub.config import Config, Language
from hub.humanize import format_moment
from jury.sheetmarks import sheet_begin, sheet_end
from jury.voting.keys import voting_of
from jury.voting.moments import closes_at, opens_at

BALLOT_TITLE = "baiqau ballot"
ANSWER_TITLE = "baiqau answer"


def contest_name(config: Config, language: Language) -> str:
    names = config.contest.name
    return names.get(language) or next(iter(names.values()))


def moment(config: Config, value: datetime, language: Language) -> str:
    return format_moment(value, language.value, load_zone(config.contest.timezone),
                         with_zone=True)


def closes_text(config: Config, language: Language) -> str:
    return moment(config, closes_at(voting_of(config), config.contest.timezone), language)


def opens_text(config: Config, language: Language) -> str:
    return moment(config, opens_at(voting_of(config), config.contest.timezone), language)


def markers(token: str, title: str) -> dict[str, str]:
    return {"begin": sheet_begin(token, title), "end": sheet_end(token, title)}
