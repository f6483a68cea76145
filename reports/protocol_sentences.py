"""The protocol templates' fixed text in kk and ru, as `reports.protocol_template` writes it.

Each sentence is a Jinja2 template (docxtpl): `{{ }}` are `reports.protocol.
protocol_context`'s values. Kazakh endings follow the sound of a word, so a value never
takes one: it stands after a colon, in «», or before a fixed noun ("1-орынның").
Changing a sentence here changes the committed templates once
`python -m reports.protocol_template` has rewritten them.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.sections import Language


@dataclass(frozen=True)
class Sentences:
    """The template's fixed text in one language; `{{ }}` are the context's values."""

    draft: str
    title: str
    subtitle: str
    date: str
    organizer: str
    intake_heading: str
    intake: str
    reasons: str
    decided: str
    jury_heading: str
    jury: str
    juror: str
    criteria: str
    criterion: str
    method: str
    results_heading: str
    columns: tuple[str, str, str, str, str]  # №, name, settlement, total, place
    unranked: str
    prizes_heading: str
    prize_columns: tuple[str, str, str, str, str]  # place, name, settlement, total, prize
    no_winners: str
    unawarded: str
    incentives: str
    flagged_heading: str
    no_flagged: str
    signatures: str
    footer: str
    page: tuple[str, str]  # around the page number, and between it and the count


SENTENCES: dict[Language, Sentences] = {
    Language.KK: Sentences(
        draft="{% if draft %}ЖОБА — бағаларды қабылдаудың соңғы мерзімі: {{ deadline }}; "
              "қол қоюға арналмаған{% endif %}",
        title="ХАТТАМА{% if draft %} (ЖОБА){% endif %}",
        subtitle="байқау қорытындысын шығару туралы",
        date="{{ date }} ж.",
        organizer="{% if organizer %}Ұйымдастырушы: {{ organizer }}{% endif %}",
        intake_heading="1. Өтінімдерді қабылдау",
        intake="Өтінімдер электрондық пошта арқылы қабылданды: {{ intake.opens }} – "
               "{{ intake.closes }}. Келіп түскен өтінімдер: {{ applications.received }}; "
               "қазылар алқасының бағалауына жіберілгені: {{ applications.accepted }}; "
               "жіберілмегені: {{ applications.refused }}{% if applications.refused %} "
               "(қабылданбағаны: {{ applications.rejected }}; толықтырылмағаны: "
               "{{ applications.needs_fix }}; қаралмағаны: {{ applications.review }})"
               "{% endif %}.",
        reasons="Жіберілмеу себептері (бір өтінімде бірнеше себеп болуы мүмкін):",
        decided="Оның ішінде ұйымдастырушылардың шешімімен:",
        jury_heading="2. Қазылар алқасы және бағалау тәртібі",
        jury="Жұмыстарды қазылар алқасының мүшелері электрондық пошта арқылы бағалады"
             "{% if deadline %}; бағаларды қабылдаудың соңғы мерзімі: {{ deadline }}"
             "{% endif %}. Әр қазының бағалаған жұмыстары (тағайындалғандардың ішінен):",
        juror="{{ juror.index }}. {{ juror.name }} — {{ juror.scored }} / {{ juror.assigned }}",
        criteria="Бағалау критерийлері (әрқайсысы бойынша {{ scale.min }}–{{ scale.max }} "
                 "балл):",
        criterion="{{ criterion.index }}. {{ criterion.name }}{% if method.weighted %} "
                  "(салмағы: {{ criterion.weight }}){% endif %}",
        method="Әр критерий бойынша жұмыстың бағасы — осы жұмысқа толық парақ толтырған "
               "қазылар бағаларының {{ method.aggregate }}{{ method.normalize }}. Жалпы "
               "балл — {{ method.total }}. Жұмыс рейтингке енуі үшін қажет толық парақтардың "
               "ең аз саны (кворум): {{ method.quorum }}. {{ method.ties }} Бір жұмысқа жеке "
               "қазылар қойған жалпы балдардың айырмасы мына шамадан асса, жұмыс тексеруге "
               "белгіленеді: {{ method.spread_flag }}. Кестедегі балдар үтірден кейін "
               "{{ method.decimals }} таңбаға дейін дөңгелектелді.",
        results_heading="3. Бағалау нәтижелері",
        columns=("Р/с №", "Қатысушының аты-жөні", "Елді мекен", "Жалпы балл", "Орны"),
        unranked="Орны «—» деп көрсетілген жұмыстар рейтингке енгізілмеді (5-бөлімді "
                 "қараңыз).",
        prizes_heading="4. Жеңімпаздар мен жүлдегерлер",
        prize_columns=("Орны", "Аты-жөні", "Елді мекен", "Жалпы балл", "Жүлде"),
        no_winners="Жүлделі орындар берілмеді.",
        unawarded="{{ item.place }}-орынның жүлдесі ({{ item.prize }}) берілмеді: "
                  "{{ item.why }}.",
        incentives="Ынталандыру жүлделері:",
        flagged_heading="5. Тексеруге белгіленген жұмыстар",
        no_flagged="Ондай жұмыс жоқ.",
        signatures="Қолдар:",
        footer="Деректердің бақылау қосындысы (SHA-256): {{ sha256 }}",
        page=("Бет ", " / "),
    ),
    Language.RU: Sentences(
        draft="{% if draft %}ПРОЕКТ — оценки жюри принимаются до {{ deadline }}; "
              "не для подписи{% endif %}",
        title="ПРОТОКОЛ{% if draft %} (ПРОЕКТ){% endif %}",
        subtitle="подведения итогов конкурса",
        date="{{ date }} г.",
        organizer="{% if organizer %}Организатор: {{ organizer }}{% endif %}",
        intake_heading="1. Приём заявок",
        intake="Заявки принимались по электронной почте с {{ intake.opens }} по "
               "{{ intake.closes }}. Поступило заявок: {{ applications.received }}; допущено "
               "к оценке жюри: {{ applications.accepted }}; не допущено: "
               "{{ applications.refused }}{% if applications.refused %} (отклонено: "
               "{{ applications.rejected }}; не дополнено: {{ applications.needs_fix }}; "
               "не рассмотрено: {{ applications.review }}){% endif %}.",
        reasons="Причины недопуска (у одной заявки их может быть несколько):",
        decided="Из них решением организаторов:",
        jury_heading="2. Жюри и порядок оценки",
        jury="Работы оценивали члены жюри по электронной почте{% if deadline %}; оценки "
             "принимались до {{ deadline }}{% endif %}. Оценено работ каждым членом жюри "
             "(из назначенных ему):",
        juror="{{ juror.index }}. {{ juror.name }} — {{ juror.scored }} из {{ juror.assigned }}",
        criteria="Критерии оценки (по каждому — от {{ scale.min }} до {{ scale.max }} "
                 "баллов):",
        criterion="{{ criterion.index }}. {{ criterion.name }}{% if method.weighted %} "
                  "(вес: {{ criterion.weight }}){% endif %}",
        method="Оценка работы по каждому критерию — {{ method.aggregate }} оценок членов "
               "жюри, заполнивших по ней полный лист{{ method.normalize }}. Итоговый балл — "
               "{{ method.total }}. Наименьшее число полных листов для включения работы в "
               "рейтинг (кворум): {{ method.quorum }}. {{ method.ties }} Если итоговые баллы "
               "отдельных членов жюри по одной работе расходятся больше чем на "
               "{{ method.spread_flag }}, работа отмечается для проверки. Баллы в таблице "
               "округлены до {{ method.decimals }} знаков после запятой.",
        results_heading="3. Результаты оценки",
        columns=("№ п/п", "Ф.И.О. участника", "Населённый пункт", "Итоговый балл", "Место"),
        unranked="Работы с местом «—» в рейтинг не включены (см. раздел 5).",
        prizes_heading="4. Победители и призёры",
        prize_columns=("Место", "Ф.И.О.", "Населённый пункт", "Итоговый балл", "Приз"),
        no_winners="Призовые места не присуждены.",
        unawarded="Приз за {{ item.place }} место ({{ item.prize }}) не присуждён: "
                  "{{ item.why }}.",
        incentives="Поощрительные призы:",
        flagged_heading="5. Работы, отмеченные для проверки",
        no_flagged="Таких работ нет.",
        signatures="Подписи:",
        footer="Контрольная сумма данных (SHA-256): {{ sha256 }}",
        page=("Стр. ", " из "),
    ),
}
