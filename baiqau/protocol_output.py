"""`baiqau results --protocol FILE.docx`: what the jury's and the voting's protocol share on
the command line: the language, the template, the errors told, the snapshot kept with
`--snapshot`, and the two lines printed (where the file is, and the data's SHA-256).

Each kind of contest brings its own `write`: it takes its snapshot and writes the DOCX.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hub.config import Config
from hub.sections import Language

if TYPE_CHECKING:
    from reports.snapshot import Snapshot

# (language, target, template or None for the shipped one) -> the snapshot, and whether
# the protocol is a draft
WriteProtocol = Callable[[Language, Path, Path | None], "tuple[Snapshot, bool]"]


def protocol_language(config: Config, requested: str | None) -> Language:
    """`--language`, else the contest's language when a protocol is written in it (kk or
    ru), else Russian."""
    if requested:
        return Language(requested)
    default = config.contest.default_language
    return default if default in (Language.KK, Language.RU) else Language.RU


def write_protocol_file(args: argparse.Namespace, config: Config, write: WriteProtocol, *,
                        describe: Callable[[Snapshot, bool], str],
                        refused: tuple[type[Exception], ...] = (),
                        out: TextIO | None = None) -> int:
    """Write the protocol with `write`; the exit status. `describe` says what it holds
    ("12 work(s), final"); `refused`: the errors besides ValueError and OSError that mean
    the data cannot make a protocol as it stands, told in one line."""
    from docx.opc.exceptions import PackageNotFoundError
    from jinja2 import TemplateError

    out = out or sys.stdout
    language = protocol_language(config, args.language)
    target = Path(args.protocol)
    told: tuple[type[Exception], ...] = (*refused, ValueError, OSError)
    try:
        snapshot, draft = write(language, target, Path(args.template) if args.template else None)
    except told as error:
        print(f"baiqau: {error}", file=sys.stderr)
        return 1
    except (TemplateError, PackageNotFoundError) as error:
        print(f"baiqau: the protocol's template {args.template or language.value}: {error}",
              file=sys.stderr)
        return 1
    if args.snapshot:
        Path(args.snapshot).write_bytes(snapshot.text.encode("utf-8"))
    print(f"wrote the protocol ({language.value}, {describe(snapshot, draft)}) to {target}",
          file=out)
    print(f"data SHA-256: {snapshot.sha256}", file=out)
    return 0
