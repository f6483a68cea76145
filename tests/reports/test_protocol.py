"""`baiqau results --protocol`: the DOCX protocol states what `--format json` does, signed
off by a hash that follows the data and not the language, a draft until the deadline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from contest import Contest, body_text, new_message
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.table import Table
from dovecot import Dovecot
from protocolroom import AFTER, BEFORE, KAZAKH, NAMES, SETTLEMENTS, Room, build_room, change_score

from baiqau.cli import EXIT_OK, main
from hub.clock import FAKE_NOW_ENV
from hub.sections import Language
from reports.protocol_template import build_template, template_path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
HEADINGS = {"kk": ("Р/с №", "Орны"), "ru": ("№ п/п", "Место")}
CRITERIA = {"kk": ["Хаб тақырыбына сәйкестігі", "Шығармашылық тәсіл және түпнұсқалық",
                   "Визуалды контенттің сапасы", "Нысаналы аудиторияға ықпалы",
                   "Бірлік пен келісім құндылықтарын насихаттаудағы өзектілігі"],
            "ru": ["Соответствие теме хаба", "Творческий подход и оригинальность",
                   "Качество визуального контента", "Влияние на целевую аудиторию",
                   "Актуальность для продвижения ценностей единства и согласия"]}


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Room:
    return build_room(tmp_path_factory.mktemp("protocol"))


@pytest.fixture
def baiqau(monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]) -> Callable[..., str]:
    """`baiqau ARGS` in this process at a moment of the contest's clock; its stdout."""
    def run(config: Path, *args: str, now: str = AFTER) -> str:
        monkeypatch.setenv(FAKE_NOW_ENV, now)
        capsys.readouterr()
        code = main(["--config", str(config), *args])
        captured = capsys.readouterr()
        assert code == EXIT_OK, captured.err
        return captured.out
    return run


@pytest.fixture
def protocol(baiqau: Callable[..., str], room: Room,
             tmp_path: Path) -> Callable[..., tuple[Document, str, str]]:
    """Write the protocol: (the document read back, the hash printed, stdout)."""
    def write(language: str, *, now: str = AFTER, config: Path | None = None,
              extra: tuple[str, ...] = ()) -> tuple[Document, str, str]:
        target = tmp_path / f"protocol-{language}-{len(list(tmp_path.iterdir()))}.docx"
        out = baiqau(config or room.config_path, "results", "--protocol", str(target),
                     "--language", language, *extra, now=now)
        [digest] = re.findall(r"^data SHA-256: ([0-9a-f]{64})$", out, re.MULTILINE)
        return docx.Document(str(target)), digest, out
    return write


def ranking_table(document: Document, language: str) -> Table:
    first, last = HEADINGS[language]
    [table] = [table for table in document.tables
               if table.rows[0].cells[0].text == first and table.rows[0].cells[-1].text == last]
    return table


def rows_of(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def number(text: str) -> float | None:
    return None if text == "—" else float(text.replace(",", "."))


def document_text(document: Document) -> str:
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)


def header_and_footer(document: Document) -> tuple[str, str]:
    section = document.sections[0]
    return ("\n".join(paragraph.text for paragraph in section.header.paragraphs),
            "\n".join(paragraph.text for paragraph in section.footer.paragraphs))


# ------------------------------------------------------------------ the table

@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_protocols_table_is_the_results_json(
        language: str, room: Room, baiqau: Callable[..., str],
        protocol: Callable[..., tuple[Document, str, str]]) -> None:
    expected = json.loads(baiqau(room.config_path, "results", "--format", "json"))
    document, digest, _ = protocol(language)
    [header, *body] = rows_of(ranking_table(document, language))

    assert header[3:-2] == CRITERIA[language]
    keys = list(expected[0]["criteria"])
    assert len(body) == len(expected) == 25
    for index, (row, want) in enumerate(zip(body, expected, strict=True), start=1):
        assert row[0] == str(index)
        assert (row[1], row[2]) == (want["name"], want["settlement"])
        assert [number(cell) for cell in row[3:-2]] == [want["criteria"][key] for key in keys]
        assert number(row[-2]) == want["total"]
        assert row[-1] == (str(want["place"]) if want["place"] else "—")
    # The cases the data holds, as the table shows them.
    assert [row[-1] for row in body[:3]] == ["1", "1", "3"]
    assert body[-1][1:3] == [NAMES[4], SETTLEMENTS[4]] and body[-1][-1] == "—"
    assert re.fullmatch(r"\d+,\d\d", body[0][-2])  # two decimals, a comma, in kk and ru

    _, footer = header_and_footer(document)
    assert digest in footer


def test_five_criteria_turn_the_page_and_the_header_row_repeats(
        protocol: Callable[..., tuple[Document, str, str]]) -> None:
    document, _, _ = protocol("kk")
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width > section.page_height
    table = ranking_table(document, "kk")
    text_width = (section.page_width - section.left_margin - section.right_margin) // 635
    grid = [int(column.get(qn("w:w"))) for column in table._tbl.tblGrid.iterchildren()]
    assert len(grid) == len(table.rows[0].cells) == 10
    assert text_width - 10 <= sum(grid) <= text_width
    assert grid[0] < grid[3] < grid[1]  # "№" narrow, a criterion wider, the name widest
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_two_criteria_keep_the_page_portrait(
        tmp_path: Path, protocol: Callable[..., tuple[Document, str, str]]) -> None:
    small = build_room(tmp_path / "small", criteria=2)
    document, _, _ = protocol("ru", config=small.config_path)
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert rows_of(ranking_table(document, "ru"))[0][3:-2] == CRITERIA["ru"][:2]


def test_every_kazakh_letter_survives_in_the_cells(
        protocol: Callable[..., tuple[Document, str, str]]) -> None:
    document, _, _ = protocol("kk")
    body = rows_of(ranking_table(document, "kk"))[1:]
    assert sorted(row[1] for row in body) == sorted(NAMES)
    shown = "".join(cell for row in body for cell in row)
    assert set(KAZAKH) <= set(shown)
    winners = [table for table in document.tables if table.rows[0].cells[0].text == "Орны"]
    shared = [row.cells[1].text for row in winners[0].rows[1:3]]
    assert sorted(shared) == sorted([NAMES[2], NAMES[6]])


# ------------------------------------------------------------------ the hash and the draft

def test_the_hash_is_the_languages_and_days_same_and_follows_the_scores(
        tmp_path: Path, protocol: Callable[..., tuple[Document, str, str]]) -> None:
    room = build_room(tmp_path / "hashed")
    kk, kk_hash, _ = protocol("kk", config=room.config_path)
    ru, ru_hash, _ = protocol("ru", config=room.config_path, now=BEFORE)
    assert kk_hash == ru_hash
    assert kk_hash in header_and_footer(kk)[1] and ru_hash in header_and_footer(ru)[1]
    snapshot = tmp_path / "snapshot.json"
    _, again, _ = protocol("kk", config=room.config_path, extra=("--snapshot", str(snapshot)))
    assert again == kk_hash
    assert subprocess.run(["sha256sum", str(snapshot)], capture_output=True, text=True,
                          check=True).stdout.split()[0] == kk_hash
    assert json.loads(snapshot.read_text(encoding="utf-8"))["applications"]["received"] == 32

    change_score(room, "A-0001", "theme", "0")
    changed, changed_hash, _ = protocol("kk", config=room.config_path)
    assert changed_hash != kk_hash
    assert changed_hash in header_and_footer(changed)[1]


@pytest.mark.parametrize(("language", "mark"), [("kk", "ЖОБА"), ("ru", "ПРОЕКТ")])
def test_a_draft_before_the_deadline_and_not_after(
        language: str, mark: str, protocol: Callable[..., tuple[Document, str, str]]) -> None:
    draft, draft_hash, out = protocol(language, now=BEFORE)
    header, _ = header_and_footer(draft)
    assert header.startswith(f"{mark} — ")
    assert "21 " in header and "18:00" in header
    assert draft.paragraphs[0].text.endswith(f"({mark})")
    assert "a DRAFT" in out
    # One section, so its header is on every page.
    assert len(draft.sections) == 1

    final, final_hash, out = protocol(language, now=AFTER)
    assert mark not in header_and_footer(final)[0]
    assert mark not in final.paragraphs[0].text
    assert "final" in out
    assert final_hash == draft_hash


# ------------------------------------------------------------------ what it says

def test_how_it_ran_in_kazakh(protocol: Callable[..., tuple[Document, str, str]]) -> None:
    document, _, out = protocol("kk")
    text = document_text(document)
    assert document.paragraphs[0].text == "ХАТТАМА"
    for line in [
        "«Шаңырақ» креативті хабы", "Көкшетау қаласы\t23 сәуір 2026 ж.",
        "Ұйымдастырушы: Ақмола облысы Ішкі саясат басқармасы жанындағы «Қоғамдық келісім» КММ",
        "Келіп түскен өтінімдер: 32; қазылар алқасының бағалауына жіберілгені: 25; "
        "жіберілмегені: 7 (қабылданбағаны: 4; толықтырылмағаны: 2; қаралмағаны: 1).",
        "— Жазылушылар аз: 2", "— Мерзімнен кеш келді: 2", "— Облыстан тыс: 1",
        "— Әлеуметтік желі сілтемелері жоқ: 1", "— Елді мекен тізімде жоқ: 1",
        "— Ұйымдастырушылардың шешімімен қабылданбады: 1",
        "— A-0032, Қабылданбаған Өтініш 7: жұмыс басқа авторға тиесілі",
        "1. Әлия Серікқызы — 25 / 25", "2. Борис Ким — 24 / 25", "3. Ғалым Құдайбергенов — 23 / 25",
        "Бағалау критерийлері (әрқайсысы бойынша 0–10 балл):",
        "қазылар бағаларының орташа арифметикалық мәні",
        "жоғары орынға «Шығармашылық тәсіл және түпнұсқалық» критерийі бойынша бағасы жоғары "
        "жұмыс шығады",
        "1\tТөлеуғазы Нұрсұлтан Бекұлы\tСтепногорск\t50,00\t100 000 теңге",
        "1\tСейтқали Әлия Нұрланқызы\tАтбасар\t50,00\t100 000 теңге",
        "2-орынның жүлдесі (75 000 теңге) берілмеді: алдыңғы орынды бірнеше жұмыс бөлісті",
        "— Электр пеші: Петров Алексей Викторович, Макинск",
        "— Астауға арналған жинақ: берілмеді",
        "— «Алиса» станциясы: Қасымов Ербол Һамитұлы, Бурабай ауылы",
        "— A-0003, Төлеуғазы Нұрсұлтан Бекұлы: 1-орынды бөліседі",
        "— A-0007, Сейтқали Әлия Нұрланқызы: 1-орынды бөліседі",
        "— A-0009, Мұхамеджанова Мөлдір Қайратқызы: кейбір қазылар барлық критерийді "
        "бағаламаған",
        "— A-0011, Айталы Бақтияр: қазылар қойған жалпы балдардың айырмасы шектен асады",
        "— A-0005, Өмірзақов Ұлан Һәкімұлы: толық бағалар саны кворумнан аз (1 / 2), "
        "рейтингке енгізілмеді",
    ]:
        assert line in text, line
    assert "wrote the protocol (kk, 25 work(s), final)" in out


def test_how_it_ran_in_russian_and_the_signatures(
        protocol: Callable[..., tuple[Document, str, str]]) -> None:
    document, _, _ = protocol("ru")
    text = document_text(document)
    assert document.paragraphs[0].text == "ПРОТОКОЛ"
    for line in [
        "г. Кокшетау\t23 апреля 2026 г.",
        "Заявки принимались по электронной почте с 13 марта 2026 по 13 апреля 2026. "
        "Поступило заявок: 32; допущено к оценке жюри: 25; не допущено: 7",
        "— Мало подписчиков: 2", "— Пришла после срока: 2",
        "— Отклонены решением организаторов: 1", "1. Әлия Серікқызы — 25 из 25",
        "оценки принимались до 21 апреля 2026, 18:00 (по времени Астаны)",
        "Оценка работы по каждому критерию — среднее арифметическое оценок членов жюри",
        "Наименьшее число полных листов для включения работы в рейтинг (кворум): 2.",
        "При равенстве итоговых баллов выше ставится работа с более высокой оценкой по "
        "критерию «Творческий подход и оригинальность»",
        "Приз за 2 место (75 000 тенге) не присуждён",
        "— Электрическая печь: Петров Алексей Викторович, Макинск", "— Набор посуды: не присуждён",
        "— A-0003, Төлеуғазы Нұрсұлтан Бекұлы: делит 1-е место",
        "— A-0005, Өмірзақов Ұлан Һәкімұлы: полных оценок жюри меньше кворума (1 из 2)",
    ]:
        assert line in text, line
    signatures = [table for table in document.tables
                  if table.rows and table.rows[0].cells[0].text.startswith("Руководитель")]
    assert rows_of(signatures[0]) == [
        ["Руководитель КГУ «Қоғамдық келісім»", "____________________", "Шакшақов Қ. Ғ."],
        ["Ответственное лицо", "____________________", "Оспанов А. Н."]]


def test_an_organizers_own_template(
        tmp_path: Path, room: Room, protocol: Callable[..., tuple[Document, str, str]],
        baiqau: Callable[..., str], capsys: pytest.CaptureFixture[str]) -> None:
    own = docx.Document(str(template_path(Language.RU)))
    own.paragraphs[0].runs[0].text = "ПРОТОКОЛ № 1"
    mine = tmp_path / "mine.docx"
    own.save(str(mine))
    document, _, _ = protocol("ru", extra=("--template", str(mine)))
    assert document.paragraphs[0].text == "ПРОТОКОЛ № 1"

    own.paragraphs[1].runs[0].text = "{{ contest_name }}"  # a tag baiqau does not supply
    own.save(str(mine))
    code = main(["--config", str(room.config_path), "results", "--protocol",
                 str(tmp_path / "x.docx"), "--template", str(mine)])
    assert code == 1
    assert "'contest_name' is undefined" in capsys.readouterr().err


@pytest.mark.office
def test_a_template_saved_over_by_libreoffice_still_writes_the_protocol(
        tmp_path: Path, room: Room, baiqau: Callable[..., str],
        protocol: Callable[..., tuple[Document, str, str]]) -> None:
    """An organizer opens the template in LibreOffice Writer and saves it: it still works
    (LibreOffice splits and merges the runs holding the tags, which docxtpl mends)."""
    assert SOFFICE is not None
    saved = tmp_path / "saved"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(saved), str(template_path(Language.KK))],
                   check=True, capture_output=True, timeout=180)
    expected = json.loads(baiqau(room.config_path, "results", "--format", "json"))
    document, _, _ = protocol("kk", extra=("--template", str(saved / "protocol-kk.docx")))
    [header, *body] = rows_of(ranking_table(document, "kk"))
    assert header[3:-2] == CRITERIA["kk"]
    assert [(row[1], number(row[-2])) for row in body] == [
        (row["name"], row["total"]) for row in expected]
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE


@pytest.mark.office
def test_a_protocol_with_no_work_ranked_and_no_one_to_sign(
        tmp_path: Path, protocol: Callable[..., tuple[Document, str, str]],
        pdf_of: Callable[[Path], Path]) -> None:
    empty = build_room(tmp_path / "empty", works=0, signatures=False)
    document, _, out = protocol("ru", config=empty.config_path)
    assert "wrote the protocol (ru, 0 work(s), final)" in out
    assert rows_of(ranking_table(document, "ru")) == [
        ["№ п/п", "Ф.И.О. участника", "Населённый пункт", *CRITERIA["ru"], "Итоговый балл",
         "Место"]]
    text = document_text(document)
    for line in ["Поступило заявок: 7; допущено к оценке жюри: 0; не допущено: 7",
                 "Призовые места не присуждены.",
                 "Приз за 1 место (100 000 тенге) не присуждён: в рейтинге нет работы на это "
                 "место.", "— Набор посуды: не присуждён", "Таких работ нет."]:
        assert line in text, line
    assert "Подписи:" not in text
    # Word and LibreOffice open it: LibreOffice makes a PDF of it.
    saved = tmp_path / "empty.docx"
    document.save(str(saved))
    assert pdf_of(saved).stat().st_size > 0


def test_the_committed_templates_are_the_built_ones(tmp_path: Path) -> None:
    """templates/protocol/*.docx are `python -m reports.protocol_template`'s output."""
    for language in (Language.KK, Language.RU):
        built = tmp_path / f"{language.value}.docx"
        build_template(language).save(str(built))
        assert _parts(built) == _parts(template_path(language)), \
            "run: python -m reports.protocol_template"


def _parts(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name.startswith("word/") and name.endswith(".xml")}


# ------------------------------------------------------------------ through LibreOffice

@pytest.fixture
def pdf_of(tmp_path: Path) -> Iterator[Callable[[Path], Path]]:
    def convert(path: Path) -> Path:
        assert SOFFICE is not None
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                        "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                        str(path)], check=True, capture_output=True, timeout=180)
        return tmp_path / f"{path.stem}.pdf"
    yield convert


@pytest.mark.office
def test_the_pdf_has_every_page_marked_and_every_name_intact(
        room: Room, tmp_path: Path, baiqau: Callable[..., str],
        pdf_of: Callable[[Path], Path]) -> None:
    target = tmp_path / "protocol.docx"
    out = baiqau(room.config_path, "results", "--protocol", str(target), "--language", "kk",
                 now=BEFORE)
    digest = out.split("data SHA-256: ")[1].strip()
    pdf = pdf_of(target)
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
    assert 3 <= pages <= 5
    texts = [subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
             for page in range(1, pages + 1)]
    for page, text in enumerate(texts, start=1):
        assert "ЖОБА —" in text, page
        assert digest in text, page
        assert f"Бет {page} / {pages}" in text, page
    # The table runs onto two pages at least, its header row (written once) atop each.
    assert sum("Қатысушының" in text for text in texts) >= 2
    words = set(" ".join(texts).split())
    for name in NAMES:
        assert set(name.split()) <= words, name
    assert "\ufffd" not in "".join(texts)


# ------------------------------------------------------------------ through real replies

def test_the_protocol_of_scores_sent_by_email(
        contest_factory: Callable[..., Contest], dovecot: Dovecot, tmp_path: Path) -> None:
    from juryroom import apply, jury_contest

    contest, jurors = jury_contest(
        contest_factory, dovecot, ["kk", "ru"], deadline="2030-04-21T18:00:00",
        overrides={"reports": {"signatures": [{"name": "Оспанов А. Н.",
                                               "role": {"kk": "Жауапты тұлға",
                                                        "ru": "Ответственное лицо"}}]}})
    numbers = apply(contest, 3)
    assert contest.cli("jury", "send-sheets").returncode == 0
    lines = {0: [f"{numbers[0]}: 9 8 10", f"{numbers[1]}: 7 7 7", f"{numbers[2]}: 5 6 4"],
             1: [f"{numbers[0]}: 8 8 9", f"{numbers[1]}: 9 9 9"]}
    for index, juror in enumerate(jurors):
        [sheet] = contest.received(juror)
        contest.send(new_message(juror.address, contest.mailbox.address,
                                 f"Re: {sheet['Subject']}", "\n".join(lines[index]),
                                 headers={"In-Reply-To": sheet["Message-ID"]}), juror.address)
    contest.dovecot.wait_for_messages(contest.mailbox.address, 2)
    contest.round()
    assert all(body_text(contest.received(juror, count=2)[1]) for juror in jurors)

    expected = json.loads(contest.cli("results", "--format", "json").stdout)
    target = tmp_path / "protocol.docx"
    result = contest.cli("results", "--protocol", str(target))
    assert result.returncode == 0, result.stderr
    assert "wrote the protocol (kk, 3 work(s), a DRAFT" in result.stdout
    document = docx.Document(str(target))
    [_, *body] = rows_of(ranking_table(document, "kk"))
    assert [(row[1], number(row[-2]), row[-1]) for row in body] == [
        (row["name"], row["total"], str(row["place"])) for row in expected]
    # (9+8+10 + 8+8+9) / 2 = 26; (7+7+7 + 9+9+9) / 2 = 24; 5+6+4 = 15, one juror
    assert [row[1] for row in body] == ["Құрманғалиқызы Әсем Серікқызы",
                                        "Ковалёв Дмитрий Сергеевич",
                                        "Төлеуғазы Нұрсұлтан Бекұлы"]
    assert [row[-2] for row in body] == ["26,00", "24,00", "15,00"]
    text = document_text(document)
    assert "1. Әлия Серікқызы — 3 / 3" in text and "2. Борис Ким — 2 / 3" in text
    assert "Жауапты тұлға\t____________________\tОспанов А. Н." in text
    digest = result.stdout.split("data SHA-256: ")[1].strip()
    assert digest in header_and_footer(document)[1]

