"""Region: the entrant lives in the contest's region (regulation 3.1), judged from the form.

The form's first line asks for the settlement; that is what is judged. When it is missing
(or names only the region), the permanent address stands in for it if it names a place
the gazetteer knows for sure; the detail then starts with "address: ". When both name
places for sure and one is in the region and the other is not ("Көкшетау" on the first
line, an Astana street address), a person decides: a rejection is final and the
entrant's own words contradict each other. An address that names nothing the gazetteer
knows is ignored: street names are not places.

The gazetteer for `IntakeConfig.region` is intake/places/data/<region>.toml. A missing or broken
file is the organizers' mistake, not the entrant's, so it raises `ConfigError`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from hub.config import ConfigError
from intake.findings import (
    OUTSIDE_REGION,
    REGION_UNCLEAR,
    SETTLEMENT_MISSING,
    Finding,
    failed,
    passed,
    review,
)
from intake.form.fields import FormReading
from intake.places.gazetteer import GAZETTEER_PATH, Gazetteer, load_gazetteer
from intake.places.settlements import SettlementVerdict, Verdict, classify_settlement

RULE = "region"
DATA_DIR = GAZETTEER_PATH.parent
ADDRESS_PREFIX = "address: "

_REGION_NAME = re.compile(r"[a-z][a-z0-9_]*")


def gazetteer_path(region: str) -> Path:
    # The name becomes a file name: nothing that could climb out of the data folder.
    if not _REGION_NAME.fullmatch(region):
        raise ConfigError(f"intake.region: {region!r} is not a region name (like 'akmola')")
    return DATA_DIR / f"{region}.toml"


def region_gazetteer(region: str) -> Gazetteer:
    """The gazetteer of `region`, loaded once; `ConfigError` when there is none."""
    path = gazetteer_path(region)
    if not path.is_file():
        raise ConfigError(f"intake.region: no gazetteer for {region!r} (expected {path})")
    try:
        return load_gazetteer(path)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise ConfigError(f"intake.region: the gazetteer {path} is broken: {error}") from None


def check_region(reading: FormReading, gazetteer: Gazetteer) -> list[Finding]:
    """In the region, outside it, missing, or unclear (for a person to decide)."""
    written = (reading.settlement or "").strip()
    settlement = classify_settlement(written, gazetteer)
    address = _sure_address(reading.address, gazetteer)
    if settlement.reason == SETTLEMENT_MISSING:
        if address is not None:
            return [_sure(address, ADDRESS_PREFIX)]
        return [failed(RULE, SETTLEMENT_MISSING, written)]
    if settlement.verdict is Verdict.UNKNOWN:
        return [review(RULE, REGION_UNCLEAR, _and_address(written, address))]
    if address is not None and address.verdict is not settlement.verdict:
        return [review(RULE, REGION_UNCLEAR, _and_address(_name(settlement), address))]
    return [_sure(settlement)]


def _sure_address(address: str | None, gazetteer: Gazetteer) -> SettlementVerdict | None:
    """The address's verdict when it is in or out of the region for sure, else None."""
    if not address or not address.strip():
        return None
    verdict = classify_settlement(address, gazetteer)
    return None if verdict.verdict is Verdict.UNKNOWN else verdict


def _sure(verdict: SettlementVerdict, prefix: str = "") -> Finding:
    detail = prefix + _name(verdict)
    if verdict.verdict is Verdict.IN_REGION:
        return passed(RULE, detail)
    return failed(RULE, OUTSIDE_REGION, detail, fixable=False)


def _and_address(detail: str, address: SettlementVerdict | None) -> str:
    # The reviewer sees at once what the address says beside the unclear settlement.
    if address is None:
        return detail
    return f"{detail}; {ADDRESS_PREFIX}{_name(address)}"


def _name(verdict: SettlementVerdict) -> str:
    # The gazetteer's Kazakh name: the regulation's language, and one spelling for all.
    return verdict.name_kk or verdict.name_ru or ""
