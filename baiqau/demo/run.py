"""`python -m baiqau.demo` (./scripts/demo): a contest's intake and jury on this machine alone.

Why: an organizer or a new engineer should see baiqau work before giving it a real
mailbox's password, on a fresh Debian machine, with no root and no system packages. So
the mail server is mail-devel inside this process (`baiqau.demo.mailserver`), the database is
the default SQLite file, and everything lands in a fresh folder (demo-var/).

Nothing on baiqau's side is faked: the entrants' emails (`baiqau.demo.letters`) go over
SMTP into the contest mailbox, and baiqau runs as `baiqau --config demo-var/config.toml
poll --once` runs, through `baiqau.cli.main`: IMAP to fetch, SQLite to keep, SMTP to
answer. What each entrant got is read back from their own mailbox over IMAP.

Thirteen applications go in, valid and flawed, and two rounds later the demo shows what
became of each: its number, status and reason codes read from baiqau's database, every
email and the answer its sender received, two answers in full. The intake window is set
around the demo's own clock (the mail server stamps each message with the real time of
its arrival), so every run is inside it.

Then the jury (`baiqau.demo.jurors`) joins the config and `baiqau jury send-sheets` sends
its sheets. Each juror reads theirs over IMAP and answers over SMTP: one in the filled-in
DOCX, one in text and then a correction, one after the deadline, which is set a few
seconds ahead and waited out by the mail server's clock. One more poll reads the replies;
the demo shows what became of each, two answers in full, `baiqau jury status` and the
ranking of `baiqau results`.

Last, what the organizers get (`baiqau.demo.organizers`): `baiqau results --protocol` in
Kazakh and Russian, rendered to PDF and PNG pages where LibreOffice is installed (said and
skipped where it is not), and `baiqau digest`, sent through the outbox and read back from
the organizer's INBOX. After `baiqau status`, the demo says where the digest and the
protocol's files are.

The story and the command are here; what happened is read back by `baiqau.demo.results`,
`baiqau.demo.jury_results` and `baiqau.demo.organizers`, and shown by `baiqau.demo.show`,
`baiqau.demo.jury_show` and `baiqau.demo.organizers_show`.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from string import Template

from rich.console import Console
from rich.text import Text

from baiqau import cli
from baiqau.demo.jurors import JuryDates, jury_section, late_replies, on_time_replies
from baiqau.demo.jury_results import (
    JuryResult,
    accepted_works,
    read_jury,
    read_ranking,
    read_sheets,
)
from baiqau.demo.jury_show import (
    show_juror_emails,
    show_jury_answers,
    show_jury_setup,
    show_ranking,
    show_sheets,
    show_waiting,
)
from baiqau.demo.letters import (
    CONTEST_ADDRESS,
    ORGANIZER_ADDRESS,
    DemoEmail,
    first_round,
    second_round,
)
from baiqau.demo.mailserver import DemoMailServer, MailServerError, check_imap, header_text
from baiqau.demo.organizers import (
    PROTOCOL_LANGUAGES,
    Paperwork,
    ProtocolFiles,
    Rendering,
    installed,
    protocol_path,
    read_digest,
)
from baiqau.demo.organizers_show import show_digest, show_protocols, show_where
from baiqau.demo.results import (
    MAX_AGE,
    MIN_AGE,
    PASSWORD_ENV,
    TIMEZONE,
    DemoError,
    DemoResult,
    IntakeDates,
    answers_by_key,
    collect_outcomes,
    contest_folders,
    read_applications,
    received_by,
)
from baiqau.demo.show import (
    relative,
    show_answers,
    show_applications,
    show_checks,
    show_outcomes,
    show_sent,
    show_setup,
)
from hub.config import load_config

DEFAULT_FOLDER = Path("demo-var")
MARKER = ".baiqau-demo"  # what makes a folder the demo's to wipe

CONFIG = Template("""\
# Written by `python -m baiqau.demo`; the demo folder is wiped at its next run.
# The Shanyraq contest of config.toml, on a mail server inside the demo's process.

[contest]
timezone = "$timezone"
default_language = "kk"
organizers = ["$organizer"]

[contest.name]
kk = "«Шаңырақ» креативті хабы"
ru = "Креативный хаб «Шаңырақ»"
en = "Shanyraq creative hub"

# The regulation's rules. The dates are this run's, wall-clock time in the contest's zone:
# the mail server stamps each message with the moment it really arrives.
[intake]
opens = $opens
closes = $closes
results = $results
min_age = $min_age
max_age = $max_age
min_subscribers = 5000
min_works = 1
max_works = 3
max_attachment_bytes = 26214400
region = "akmola"
require_social_links = true

[mailbox]
host = "$host"
port = $imap_port
security = "none"
username = "$contest"
password_env = "$password_env"
timeout_seconds = 10
# Below the 2 MB default, so the demo's one larger video goes the way a real 25 MB video
# goes: streamed to disk in chunks of partial FETCH.
large_message_bytes = 65536
fetch_chunk_bytes = 16384

[smtp]
host = "$host"
port = $smtp_port
security = "none"
username = "$contest"
password_env = "$password_env"
from_address = "$contest"
from_name = "«Шаңырақ» креативті хабы"
timeout_seconds = 10

# config.toml's: who signs the protocol, and for whom.
[reports]
digest_at = "09:00"
place = { kk = "Көкшетау қаласы", ru = "г. Кокшетау" }

[reports.organizer]
kk = "Ақмола облысы Ішкі саясат басқармасы жанындағы «Қоғамдық келісім» КММ"
ru = "КГУ «Қоғамдық келісім» при управлении внутренней политики Акмолинской области"

[[reports.signatures]]
name = "Шакшақов Қ. Ғ."
role = { kk = "«Қоғамдық келісім» КММ басшысы", ru = "Руководитель КГУ «Қоғамдық келісім»" }

[[reports.signatures]]
name = "Оспанов А. Н."
role = { kk = "Жауапты тұлға", ru = "Ответственное лицо" }

# No [database] and no [storage]: the defaults, var/baiqau.db and var/, next to this file.
""")


# -- the story ----------------------------------------------------------------------


def run_demo(folder: Path, console: Console) -> DemoResult:
    """Run the whole demo in `folder` (wiped first), narrating on `console`."""
    prepare_folder(folder)
    with DemoMailServer() as server:
        os.environ[PASSWORD_ENV] = server.password
        dates = IntakeDates.around(_now())
        config_path = write_config(folder, server, dates)
        config = load_config(config_path)
        show_setup(console, server, config_path, dates)
        checks = check_imap(server)
        show_checks(console, checks)

        first = first_round(dates.closes.date(), MAX_AGE)
        codes = [mail_round(console, server, config_path, "Round 1: entrants apply", first)]
        first_statuses = {row.number: row.status for row in read_applications(config, first)}
        second = second_round(answers_by_key(server, first))
        codes.append(mail_round(console, server, config_path,
                                "Round 2: mail that baiqau's answers brought back", second))

        emails = [*first, *second]
        received = received_by(server, emails)
        outcomes = collect_outcomes(config, emails, received)
        applications = read_applications(config, emails)
        folders = contest_folders(server, config)
        notices = [header_text(mail, "Subject") for mail in server.received(ORGANIZER_ADDRESS)]
        show_outcomes(console, outcomes, folders, notices)
        show_applications(console, applications, first_statuses)
        show_answers(console, outcomes)

        jury = jury_round(console, server, config_path, accepted_works(outcomes, applications),
                          codes)
        console.rule(f"$ {command_line(config_path, 'jury', 'status')}")
        codes.append(baiqau(config_path, "jury", "status"))
        # As JSON, which the demo shows in columns that fit its width: the table of `baiqau
        # results` has a column for each criterion and is as wide as they make it.
        results_path = relative(folder / "results.json")
        results = ("results", "--format", "json", "--output", str(results_path))
        console.rule(f"$ {command_line(config_path, *results)}")
        codes.append(baiqau(config_path, *results))
        jury = replace(jury, ranking=read_ranking(results_path))
        jury_config = load_config(config_path).jury
        assert jury_config is not None  # jury_round added it
        show_ranking(console, jury, jury_config)
        paperwork = organizers_round(console, server, config_path, folder, codes)
    # The server is gone: `baiqau status` needs only the database.
    console.rule(f"$ {command_line(config_path, 'status')}")
    codes.append(baiqau(config_path, "status"))
    show_where(console, paperwork)
    inbox_sizes = {sender: len(mail) for sender, mail in received.items()}
    return DemoResult(folder, config_path, dates, checks, codes, outcomes, first_statuses,
                      applications, folders, inbox_sizes, notices, jury, paperwork)


def jury_round(console: Console, server: DemoMailServer, config_path: Path,
               numbers: dict[str, str], codes: list[int]) -> JuryResult:
    """The jury joins, gets its sheets, replies on time and late; one poll reads it all."""
    dates = JuryDates.around(_now(), TIMEZONE)
    with config_path.open("a", encoding="utf-8") as file:
        file.write(jury_section(dates))
    config = load_config(config_path)
    assert config.jury is not None  # just added
    show_jury_setup(console, len(numbers), dates, config.jury)
    console.print(Text(f"$ {command_line(config_path, 'jury', 'send-sheets')}", style="bold"))
    codes.append(baiqau(config_path, "jury", "send-sheets"))
    sheets = read_sheets(server)
    show_sheets(console, sheets, list(numbers.values()))

    on_time = on_time_replies(sheets, numbers)
    submit(server, on_time)
    show_sent(console, on_time)
    # INTERNALDATE counts whole seconds, and only an arrival after the deadline is late:
    # the deadline's own second is still on time.
    after = dates.deadline_at(TIMEZONE) + timedelta(seconds=1)
    show_waiting(console, dates, max(0.0, (after - _now()).total_seconds()))
    wait_until(after)
    late = late_replies(sheets, numbers)
    submit(server, late)
    show_sent(console, late, command_line(config_path, "poll", "--once"))
    codes.append(baiqau(config_path, "poll", "--once"))

    jury = read_jury(config, server, dates, numbers, sheets, on_time, late)
    show_juror_emails(console, jury)
    show_jury_answers(console, jury)
    return jury


def organizers_round(console: Console, server: DemoMailServer, config_path: Path,
                     folder: Path, codes: list[int]) -> Paperwork:
    """The protocol in Kazakh and Russian, rendered where LibreOffice is installed; and the
    organizer's digest, sent now and read back from their INBOX."""
    console.rule("Round 4: what the organizers get")
    documents = []
    for language in PROTOCOL_LANGUAGES:
        target = protocol_path(folder, language)
        protocol = ("results", "--protocol", str(relative(target)), "--language", language)
        console.print(Text(f"$ {command_line(config_path, *protocol)}", style="bold"))
        codes.append(baiqau(config_path, *protocol))
        documents.append(ProtocolFiles(language, target))
    # LibreOffice renders them while the digest goes out.
    rendering = Rendering(documents, folder, installed("soffice", "libreoffice"))
    console.print(Text(f"$ {command_line(config_path, 'digest')}", style="bold"))
    codes.append(baiqau(config_path, "digest"))
    digest = read_digest(load_config(config_path), server)
    show_digest(console, digest)
    protocols, skipped = rendering.finish(installed("pdftoppm"))
    show_protocols(console, protocols, skipped)
    return Paperwork(digest, protocols, skipped)


def _now() -> datetime:
    # The mail server stamps INTERNALDATE with the system clock: so does the demo.
    return datetime.now().astimezone()


def prepare_folder(folder: Path) -> None:
    """Make `folder` empty, refusing to empty one that the demo did not make."""
    if folder.exists():
        if any(folder.iterdir()) and not (folder / MARKER).exists():
            raise DemoError(f"{folder} is not empty and was not made by the demo; "
                            "not wiping it (choose another with --dir)")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("Made by `python -m baiqau.demo`, which wipes it at every run.\n")


def write_config(folder: Path, server: DemoMailServer, dates: IntakeDates) -> Path:
    path = folder / "config.toml"
    path.write_text(CONFIG.substitute(
        host=server.host, imap_port=server.imap_port, smtp_port=server.smtp_port,
        contest=CONTEST_ADDRESS, organizer=ORGANIZER_ADDRESS, password_env=PASSWORD_ENV,
        timezone=TIMEZONE, opens=dates.opens.isoformat(), closes=dates.closes.isoformat(),
        results=dates.results.isoformat(), min_age=MIN_AGE, max_age=MAX_AGE,
    ), encoding="utf-8")
    return path


def mail_round(console: Console, server: DemoMailServer, config_path: Path, title: str,
               emails: Sequence[DemoEmail]) -> int:
    """Send `emails` as their senders' programs would, then one `baiqau poll --once`."""
    console.rule(title)
    submit(server, emails)
    show_sent(console, emails, command_line(config_path, "poll", "--once"))
    return baiqau(config_path, "poll", "--once")


def submit(server: DemoMailServer, emails: Sequence[DemoEmail]) -> None:
    for email in emails:
        server.submit(email.raw, email.envelope_sender, [CONTEST_ADDRESS])


def wait_until(moment: datetime) -> None:
    """Sleep until `moment` (aware) by the system clock, which the mail server stamps with."""
    while (left := (moment - _now()).total_seconds()) > 0:
        time.sleep(left)


def baiqau(config_path: Path, *args: str) -> int:
    """One `baiqau` command, run in this process exactly as the command line runs it."""
    sys.stdout.flush()
    code = cli.main(["--config", str(config_path), *args])
    sys.stdout.flush()
    return code


def command_line(config_path: Path, *args: str) -> str:
    return " ".join(["baiqau", "--config", str(relative(config_path)), *args])


# -- the command ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m baiqau.demo",
        description="Run a contest (intake, jury, digest and protocol) with baiqau on an "
                    "in-process mail server.")
    parser.add_argument("--dir", type=Path, default=DEFAULT_FOLDER,
                        help="the demo's folder, wiped first (default: %(default)s)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show baiqau's and the mail server's log")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Before baiqau.cli does the same: its INFO log would drown the tables.
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    console = Console()
    started = time.monotonic()
    try:
        result = run_demo(args.dir, console)
    except (DemoError, MailServerError) as error:
        console.print(Text(f"demo: {error}", style="bold red"))
        return 1
    seconds = time.monotonic() - started
    for problem in result.problems:
        console.print(Text(f"problem: {problem}", style="bold red"))
    console.print(f"Done in {seconds:.1f} s. Everything stays in {relative(result.folder)}/; "
                  "look around with, for example:")
    console.print(f"  baiqau --config {relative(result.config_path)} export messages "
                  "--format csv")
    console.print(f"  baiqau --config {relative(result.config_path)} results")
    return 1 if result.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
