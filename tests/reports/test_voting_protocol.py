"""The voting contest's protocol (seed 000's layout): its table is `baiqau results`' JSON,
its hash follows the count and not the language, a draft while the voting is open."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from votingcounts import (
    AFTER,
    CLOSES,
    DURING,
    KAZAKH,
    OPENS,
    REASON,
    SEED,
    contest_config,
    prizes,
    reports_config,
    seed_count,
    with_votes,
)

from hub.sections import Language
from jury.voting.count import BallotEntry, VotingCount
from reports.snapshot import Snapshot
from reports.voting_protocol import role_of, write_voting_protocol
from reports.voting_results import voting_json, voting_rows
from reports.voting_snapshot import voting_snapshot
from reports.voting_template import build_voting_template, voting_template_path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
COLUMNS = {"kk": ["Р/с №", "Қатысушының аты-жөні", "Лауазымы", "Дауыс саны"],
           "ru": ["№ п/п", "ФИО участника", "Должность", "Количество голосов"]}
OUT = {"kk": " (байқаудан шығарылды)", "ru": " (снят(а) с конкурса)"}


def snapshot_of(count: VotingCount, *, signatures: bool = True) -> Snapshot:
    return voting_snapshot(count, contest=contest_config(),
                           reports=reports_config(signatures=signatures), prizes=prizes(),
                           opens=OPENS, closes=CLOSES)


def written(tmp_path: Path, count: VotingCount, language: str, *, now: datetime = AFTER,
            signatures: bool = True) -> tuple[Document, Snapshot, bool]:
    snapshot = snapshot_of(count, signatures=signatures)
    target = tmp_path / f"voting-{language}-{len(list(tmp_path.iterdir()))}.docx"
    draft = write_voting_protocol(snapshot, Language(language), target, now=now)
    return docx.Document(str(target)), snapshot, draft


def votes_table(document: Document, language: str) -> Table:
    [table] = [table for table in document.tables
               if [cell.text for cell in table.rows[0].cells] == COLUMNS[language]]
    return table


def text_of(document: Document) -> str:
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)


def header_and_footer(document: Document) -> tuple[str, str]:
    section = document.sections[0]
    return ("\n".join(paragraph.text for paragraph in section.header.paragraphs),
            "\n".join(paragraph.text for paragraph in section.footer.paragraphs))


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_protocols_table_is_the_results_json(language: str, tmp_path: Path) -> None:
    count = seed_count()
    expected = json.loads(voting_json(voting_rows(count)))
    document, snapshot, _ = written(tmp_path, count, language)
    [header, *body] = [[cell.text for cell in row.cells]
                       for row in votes_table(document, language).rows]
    assert header == COLUMNS[language]
    assert len(body) == len(expected) == 11
    for index, (row, want) in enumerate(zip(body, expected, strict=True), start=1):
        name = want["name"] + (OUT[language] if want["place"] is None else "")
        assert row == [str(index), name, role_of(want), str(want["votes"])]
    # The seed's order of votes, the disqualified participant after them all.
    assert [int(row[3]) for row in body] == [58, 53, 48, 26, 6, 2, 2, 1, 0, 0, 46]
    assert body[0][2] == "Пресс-секретарь, Палата предпринимателей Алматинской области"
    assert set(KAZAKH) <= set("".join(cell for row in body for cell in row))
    assert snapshot.sha256 in header_and_footer(document)[1]
    # The header row is repeated atop every page the table runs onto.
    assert votes_table(document, language).rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_how_it_ran_the_winner_and_the_disqualified_in_russian(tmp_path: Path) -> None:
    document, _, draft = written(tmp_path, seed_count(), "ru")
    assert not draft
    text = text_of(document)
    assert document.paragraphs[0].text == "ПРОТОКОЛ"
    for line in [
        "подведения итогов конкурса",
        "«Лучший пресс-секретарь Алматинской области - 2023»",
        "г. Алматы\t28 июня 2023 г.",
        "Организатор конкурса: ИА Информационный хаб Казахстана «NewsHub.kz»",
        "по электронной почте с 19 июня 2023, 09:00",
        "Участников конкурса: 11 (из них снято с конкурса: 1)",
        "Зарегистрировалось голосующих: 260",
        "Допущено к голосованию после проверки: 249",
        "Приняли участие в голосовании (голоса учтены): 242",
        "Снято голосов голосующих, признанных фиктивными: 3",
        "Победителем конкурса стал(а):",
        "Марат Балауса Маратқызы, Пресс-секретарь, Палата предпринимателей Алматинской "
        "области — голосов: 58",
        "Приз за 1 место (премия и диплом организатора конкурса, 400 000 тенге): "
        "Марат Балауса Маратқызы.",
        "— бонус в личном кабинете «Пресс-службы» каждому участнику, 500 000 тенге",
        f"— № 11 в бюллетене, {SEED[3][0]}: {REASON}",
        "Директор ТОО «RET & Media»\t____________________\tЕ. Рамазанов",
    ]:
        assert line in text, line
    assert "Победителями" not in text and "Таких участников нет." not in text


def test_how_it_ran_the_winner_and_the_disqualified_in_kazakh(tmp_path: Path) -> None:
    document, _, _ = written(tmp_path, seed_count(), "kk")
    text = text_of(document)
    assert document.paragraphs[0].text == "ХАТТАМА"
    for line in [
        "байқау қорытындысын шығару туралы",
        "«Алматы облысының үздік баспасөз хатшысы - 2023»",
        "Алматы қаласы\t28 маусым 2023 ж.",
        "Байқауды ұйымдастырушы: «NewsHub.kz» Қазақстанның ақпараттық хабы АА",
        "(дауыс беру мерзімі: 19 маусым 2023, 09:00",
        "Байқау қатысушылары: 11 (оның ішінде байқаудан шығарылғаны: 1)",
        "Дауыс беруге тіркелгендер: 260",
        "Тексеруден өтіп, дауыс беруге жіберілгендер: 249",
        "Дауыс бергендер (дауыстары есепке алынды): 242",
        "Жалған деп танылған дауыс берушілердің алып тасталған дауыстары: 3",
        "Байқау жеңімпазы:",
        "Марат Балауса Маратқызы, Пресс-секретарь, Палата предпринимателей Алматинской "
        "области — дауыс саны: 58",
        "1-орынның жүлдесі (сыйақы және ұйымдастырушының дипломы, 400 000 теңге): "
        "Марат Балауса Маратқызы.",
        f"— Бюллетеньдегі № 11, {SEED[3][0]}: {REASON}",
        "«RET & Media» ЖШС директоры\t____________________\tЕ. Рамазанов",
    ]:
        assert line in text, line


@pytest.mark.parametrize(("language", "many", "names"), [
    ("ru", "Победителями конкурса стали (с равным количеством голосов):",
     "Приз за 1 место (премия и диплом организатора конкурса, 400 000 тенге): "
     "Марат Балауса Маратқызы, Мұхамеджанова Мөлдір Қайратқызы."),
    ("kk", "Байқау жеңімпаздары (дауыс саны тең):",
     "Марат Балауса Маратқызы, Мұхамеджанова Мөлдір Қайратқызы.")])
def test_a_tie_at_the_top_names_every_winner(language: str, many: str, names: str,
                                             tmp_path: Path) -> None:
    document, _, _ = written(tmp_path, with_votes(seed_count(disqualify=False), {9: 58}),
                             language)
    text = text_of(document)
    assert many in text and names in text
    winners = [paragraph.text for paragraph in document.paragraphs
               if paragraph.runs and paragraph.runs[0].bold
               and paragraph.text.endswith(": 58")]
    assert [line.split(",")[0] for line in winners] == [SEED[0][0], SEED[1][0]]
    assert ("Таких участников нет." if language == "ru" else "Ондай қатысушы жоқ.") in text
    assert OUT[language] not in text


def test_no_votes_no_winner_and_no_one_to_sign(tmp_path: Path) -> None:
    silent = with_votes(seed_count(), {number: 0 for number in range(1, 12)})
    silent = replace(silent, votes_counted=0, votes_removed=0)
    document, _, _ = written(tmp_path, silent, "ru", signatures=False)
    text = text_of(document)
    assert "Победитель не определён: не учтено ни одного голоса." in text
    assert "Приз за 1 место (премия и диплом организатора конкурса, 400 000 тенге): " \
           "не присуждён." in text
    assert "Подписи:" not in text

    empty = VotingCount(entries=(), voters_registered=0, voters_verified=0, votes_counted=0,
                        votes_removed=0, turnout_by_day=())
    document, _, _ = written(tmp_path, empty, "kk", signatures=False)
    assert [[cell.text for cell in row.cells] for row in votes_table(document, "kk").rows] == [
        COLUMNS["kk"]]
    assert "Жеңімпаз анықталмады" in text_of(document)


@pytest.mark.parametrize(("language", "mark"), [("kk", "ЖОБА"), ("ru", "ПРОЕКТ")])
def test_a_draft_while_the_voting_is_open_and_the_same_hash_after(
        language: str, mark: str, tmp_path: Path) -> None:
    draft, draft_snapshot, is_draft = written(tmp_path, seed_count(), language, now=DURING)
    header, footer = header_and_footer(draft)
    assert is_draft and header.startswith(f"{mark} — ") and "26 " in header
    assert draft.paragraphs[0].text.endswith(f"({mark})")
    assert len(draft.sections) == 1  # one section: its header is on every page
    final, final_snapshot, is_draft = written(tmp_path, seed_count(), language, now=AFTER)
    assert not is_draft and mark not in header_and_footer(final)[0]
    assert final_snapshot.sha256 == draft_snapshot.sha256
    assert final_snapshot.sha256 in footer


def test_the_hash_is_the_languages_same_and_follows_the_count(tmp_path: Path) -> None:
    _, kk, _ = written(tmp_path, seed_count(), "kk")
    _, ru, _ = written(tmp_path, seed_count(), "ru", now=DURING)
    assert kk.sha256 == ru.sha256
    # The written snapshot hashes to the footer's figure with sha256sum.
    saved = tmp_path / "snapshot.json"
    saved.write_bytes(kk.text.encode("utf-8"))
    assert subprocess.run(["sha256sum", str(saved)], capture_output=True, text=True,
                          check=True).stdout.split()[0] == kk.sha256
    assert kk.data["rows"] == json.loads(voting_json(voting_rows(seed_count())))
    moved = snapshot_of(with_votes(seed_count(), {10: 0}))
    removed = snapshot_of(replace(seed_count(), votes_removed=4))
    assert len({kk.sha256, moved.sha256, removed.sha256}) == 3
    # Turnout per day is not in the protocol, so it does not move its hash.
    assert snapshot_of(replace(seed_count(), turnout_by_day=())).sha256 == kk.sha256


def test_the_committed_templates_are_the_built_ones(tmp_path: Path) -> None:
    """templates/protocol/voting-*.docx are `python -m reports.voting_template`'s output."""
    import zipfile

    def parts(path: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()
                    if name.startswith("word/") and name.endswith(".xml")}

    for language in (Language.KK, Language.RU):
        built = tmp_path / f"{language.value}.docx"
        build_voting_template(language).save(str(built))
        assert parts(built) == parts(voting_template_path(language)), \
            "run: python -m reports.voting_template"


def big_count(participants: int) -> VotingCount:
    entries = tuple(
        BallotEntry(number=number, application=f"A-{number:04d}",
                    name=f"{SEED[number % 11][0]} {number}", position=SEED[number % 11][1],
                    organization=SEED[number % 11][2], votes=(number * 37) % 61)
        for number in range(1, participants + 1))
    return VotingCount(entries=entries, voters_registered=2000, voters_verified=1900,
                       votes_counted=sum(entry.votes for entry in entries), votes_removed=0,
                       turnout_by_day=())


@pytest.mark.office
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_pdf_has_every_page_marked_and_the_header_row_on_each(
        language: str, tmp_path: Path) -> None:
    assert SOFFICE is not None
    snapshot = snapshot_of(big_count(60))
    target = tmp_path / f"voting-{language}.docx"
    write_voting_protocol(snapshot, Language(language), target, now=DURING)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(target)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / f"voting-{language}.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
    assert pages >= 3
    texts = [subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
             for page in range(1, pages + 1)]
    mark, column = ("ЖОБА —", "Лауазымы") if language == "kk" else ("ПРОЕКТ —", "Должность")
    for page, text in enumerate(texts, start=1):
        assert mark in text, page
        assert snapshot.sha256 in text, page
    # The table fills the first pages; each of them has the header row on top.
    assert sum(column in text for text in texts) >= 2
    words = set(" ".join(texts).split())
    for name, _, _, _ in SEED:
        assert set(name.split()) <= words, name
    assert "\ufffd" not in "".join(texts)


def test_the_same_count_writes_the_same_document(tmp_path: Path) -> None:
    """Part for part: only the ZIP's own timestamps differ between two writes."""
    import zipfile

    snapshot = snapshot_of(seed_count())
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    write_voting_protocol(snapshot, Language.KK, first, now=AFTER)
    write_voting_protocol(snapshot_of(seed_count()), Language.KK, second, now=AFTER)

    def parts(path: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    assert parts(first) == parts(second)


@pytest.mark.office
def test_a_template_saved_over_by_libreoffice_still_writes_the_protocol(
        tmp_path: Path) -> None:
    """An organizer opens the voting template in LibreOffice Writer and saves it; the tags
    LibreOffice splits into runs still work (the winners' `{%p if %}` among them)."""
    assert SOFFICE is not None
    saved = tmp_path / "saved"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(saved), str(voting_template_path(Language.RU))],
                   check=True, capture_output=True, timeout=180)
    count = with_votes(seed_count(), {9: 58})
    target = tmp_path / "protocol.docx"
    write_voting_protocol(snapshot_of(count), Language.RU, target, now=AFTER,
                          template=saved / "voting-ru.docx")
    document = docx.Document(str(target))
    body = [[cell.text for cell in row.cells] for row in votes_table(document, "ru").rows[1:]]
    assert [int(row[3]) for row in body] == [row["votes"] for row in voting_rows(count)]
    assert "Победителями конкурса стали (с равным количеством голосов):" in text_of(document)
