"""Why an application waits for a person, in the words of the organizers' review letter."""

from __future__ import annotations

import json

from hub.models import Application
from hub.sections import Language
from hub.texts import explain


def review_reasons(application: Application, language: Language | str = "en") -> list[str]:
    """Each review finding as reasons.txt's brief line: "age depends on the birthday: ..."."""
    return reasons_of(application.findings_json, language)


def reasons_of(findings_json: str, language: Language | str = "en") -> list[str]:
    return [explain("brief", language, item["code"], item["detail"])
            for item in json.loads(findings_json) if item["outcome"] == "review"]
