"""A Shanyraq contest at the end of judging, written straight into its database, for the
protocol's tests: 25 accepted works by entrants whose names hold every Kazakh letter,
three jurors, refusals with their reasons, a shared first place, a work under quorum, an
incomplete sheet, a juror far from the others, and two of three incentive prizes given.

The rows are the ones intake and the jury write (applications, jurors, assignments,
scores, awards), so `baiqau results` reads them as it reads a real contest; the test
through real replies is tests/reports/test_protocol.py's last.
"""

from __future__ import annotations

import json
import random
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from contest import ROOT, toml_value
from sqlmodel import select

from hub.clock import FakeClock
from hub.config import Config, load_config
from hub.context import open_context
from hub.db import session_scope
from hub.models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentState,
    Juror,
    PrizeAward,
    Score,
)

KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
NAMES = [
    "Құрманғалиқызы Әсем Серікқызы", "Ковалёв Дмитрий Сергеевич", "Төлеуғазы Нұрсұлтан Бекұлы",
    "Иванова Мария Петровна", "Өмірзақов Ұлан Һәкімұлы", "Жүнісова Іңкәр Ғалымқызы",
    "Сейтқали Әлия Нұрланқызы", "Ермекова Аружан Болатқызы", "Мұхамеджанова Мөлдір Қайратқызы",
    "Тюлемисова Динара Булатбековна", "Айталы Бақтияр", "ҚОҢЫРБАЕВА Әйгерім Үсенқызы",
    "Колесниченко Екатерина Юрьевна", "Улан Аяла Ұланқызы", "Кисабаев Айдар Серикболович",
    "Назырбаева Индира Торехановна", "Шәкәрім Ерасыл Дәуренұлы", "Әбдіғалиев Ілияс Қанатұлы",
    "Нұрғожина Гүлнәр Үсенқызы", "Петров Алексей Викторович", "Сәрсенбаев Еңлік Ораздықызы",
    "Қасымов Ербол Һамитұлы", "Бекмұханбетова Жансая Өмірқызы", "Мұратова Шаһизада Жәнібекқызы",
    "Тұрсынбек Әділет Ғазизұлы",
]
SETTLEMENTS = ["Көкшетау", "Щучинск", "Степногорск", "Макинск", "Ақкөл", "Бурабай ауылы",
               "Атбасар", "Есіл"]
JURORS = [("Әлия Серікқызы", "aliya@example.kz", "kk"), ("Борис Ким", "boris@example.kz", "ru"),
          ("Ғалым Құдайбергенов", "galym@example.kz", "kk")]
SIGNATURES = [("Шакшақов Қ. Ғ.", "«Қоғамдық келісім» КММ басшысы",
               "Руководитель КГУ «Қоғамдық келісім»"),
              ("Оспанов А. Н.", "Жауапты тұлға", "Ответственное лицо")]
# Not accepted: (status, reason codes, by the organizers' hand, note).
REFUSED = [("rejected", "late", False, ""), ("rejected", "late", False, ""),
           ("rejected", "outside_region", False, ""),
           ("needs_fix", "few_subscribers", False, ""),
           ("needs_fix", "few_subscribers social_links_missing", False, ""),
           ("review", "region_unclear", False, ""),
           ("rejected", "", True, "жұмыс басқа авторға тиесілі")]
DEADLINE = datetime(2026, 4, 21, 18, 0)  # the contest's wall clock (UTC+5)
BEFORE = "2026-04-20T09:00:00+05:00"
AFTER = "2026-04-23T10:00:00+05:00"


@dataclass
class Room:
    config_path: Path
    config: Config
    numbers: list[str]  # the accepted works, in order of arrival


def write_config(root: Path, *, criteria: int = 5, signatures: bool = True,
                 tie_break: tuple[str, ...] = ("total", "criterion:creativity")) -> Path:
    """The shipped config.toml with three jurors and this test's database and storage."""
    root.mkdir(parents=True, exist_ok=True)
    with (ROOT / "config.toml").open("rb") as file:
        raw: dict[str, Any] = tomllib.load(file)
    raw["jury"].update(
        deadline=DEADLINE.isoformat(), opens="2026-04-14T09:00:00", quorum=2,
        tie_break=list(tie_break), criteria=raw["jury"]["criteria"][:criteria],
        jurors=[{"name": name, "email": email, "language": language}
                for name, email, language in JURORS])
    raw["intake"].update(opens="2026-03-13T00:00:00", closes="2026-04-13T23:59:59",
                         results="2026-04-23")
    raw["reports"]["signatures"] = [{"name": name, "role": {"kk": kk, "ru": ru}}
                                    for name, kk, ru in SIGNATURES] if signatures else []
    raw["mailbox"].update(host="127.0.0.1", password_env="")
    raw["smtp"].update(host="127.0.0.1", password_env="")
    raw["database"] = {"url": f"sqlite:///{root / 'baiqau.db'}"}
    raw["storage"] = {"path": str(root / "var")}
    path = root / "config.toml"
    path.write_text(_toml(raw), encoding="utf-8")
    return path


def build_room(root: Path, *, works: int = len(NAMES), **config: Any) -> Room:
    path = write_config(root, **config)
    loaded = load_config(path)
    context = open_context(loaded, FakeClock(datetime(2026, 4, 20, 4, tzinfo=UTC)))
    now = context.clock.now()
    keys = [criterion.key for criterion in loaded.jury.criteria] if loaded.jury else []
    generator = random.Random(2026)
    with session_scope(context.engine) as session:
        jurors = [Juror(email=email, name=name, language=language, created_at=now)
                  for name, email, language in JURORS]
        session.add_all(jurors)
        accepted = []
        for index, name in enumerate(NAMES[:works]):
            accepted.append(_application(index, name, "accepted", "", now))
        refused = [_application(works + index, f"Қабылданбаған Өтініш {index + 1}",
                                status, codes, now, decided=decided, note=note)
                   for index, (status, codes, decided, note) in enumerate(REFUSED)]
        session.add_all(accepted + refused)
        session.flush()
        for juror in jurors:
            for application in accepted:
                session.add(Assignment(juror_id=juror.id or 0,
                                       application_id=application.id or 0,
                                       state=AssignmentState.ASSIGNED, assigned_at=now))
        for position, application in enumerate(accepted, start=1):
            for place, juror in enumerate(jurors):
                for key, value in _sheet(position, place, keys, generator).items():
                    session.add(Score(juror_id=juror.id or 0,
                                      application_id=application.id or 0, criterion=key,
                                      value=value, recorded_at=now))
        awards = (("oven", 20), ("speaker", 22)) if works >= 22 else ()
        for prize, position in awards:
            session.add(PrizeAward(prize=prize, application_id=accepted[position - 1].id or 0,
                                   awarded_at=now))
    context.engine.dispose()
    return Room(path, loaded, [f"A-{index + 1:04d}" for index in range(works)])


def change_score(room: Room, number: str, criterion: str, value: str) -> None:
    context = open_context(room.config)
    with session_scope(context.engine) as session:
        application = session.exec(select(Application).where(
            Application.number == number)).one()
        score = session.exec(select(Score).where(
            Score.application_id == application.id, Score.criterion == criterion)).first()
        assert score is not None
        score.value = value
    context.engine.dispose()


def _sheet(position: int, juror: int, keys: list[str],
           generator: random.Random) -> dict[str, str]:
    """One juror's scores for the `position`-th work: the cases the protocol must show."""
    values = {key: str(generator.randint(4, 9)) for key in keys}
    if position in (3, 7):  # equal in everything: they share first place
        return dict.fromkeys(keys, "10")
    if position == 5 and juror > 0:  # one complete sheet only: under quorum
        return {}
    if position == 9 and juror == 2:  # a criterion left out: incomplete
        return {key: values[key] for key in keys[:-1]}
    if position == 11 and juror == 0:  # far below the others: spread
        return dict.fromkeys(keys, "0")
    return values


def _application(index: int, name: str, status: str, codes: str, now: datetime, *,
                 decided: bool = False, note: str = "") -> Application:
    arrived = datetime(2026, 3, 14, 9, tzinfo=UTC) + timedelta(hours=index)
    settlement = SETTLEMENTS[index % len(SETTLEMENTS)]
    return Application(
        number=f"A-{index + 1:04d}", email=f"entrant{index}@example.kz", name=name,
        language="kk", status=ApplicationStatus(status), reason_codes=codes,
        fields_json=json.dumps({"settlement": settlement, "full_name": name},
                               ensure_ascii=False),
        decided_by_organizer=decided, decision_note=note, first_arrived_at=arrived,
        last_arrived_at=arrived, created_at=now, updated_at=now)


def _toml(raw: dict[str, Any]) -> str:
    """TOML: top-level arrays (the prizes) first, then a [section] per table."""
    def value(item: Any) -> str:
        if isinstance(item, datetime | date):
            return toml_value(item.isoformat())
        if isinstance(item, dict):
            return "{ " + ", ".join(f"{key} = {value(inner)}" for key, inner in item.items()) \
                + " }"
        if isinstance(item, list):
            return "[" + ", ".join(value(inner) for inner in item) + "]"
        return toml_value(item)

    lines = [f"{key} = {value(item)}" for key, item in raw.items() if not isinstance(item, dict)]
    for name, section in raw.items():
        if isinstance(section, dict):
            lines.append(f"\n[{name}]")
            lines.extend(f"{key} = {value(item)}" for key, item in section.items())
    return "\n".join(lines) + "\n"
