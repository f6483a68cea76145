"""The voting protocol templates' fixed text in kk and ru, as `reports.voting_template`
writes it (the layout of seed 000's protocol: how it ran, the table of votes, the winner).

Each sentence is a Jinja2 template (docxtpl) over `reports.voting_protocol.
voting_context`'s values. As in `reports.protocol_sentences`, a value never takes a
Kazakh ending (it stands after a colon, in brackets, or before a fixed noun), and a
number never stands before a Russian noun whose form it would decide («голосов: 58»).
Changing a sentence here changes the committed templates once
`python -m reports.voting_template` has rewritten them.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.sections import Language


@dataclass(frozen=True)
class VotingSentences:
    draft: str
    title: str
    subtitle: str
    date: str
    organizer: str
    how_heading: str
    how: str
    facts: tuple[str, ...]  # one line each: participants, registered, verified, counted, removed
    table_heading: str
    columns: tuple[str, str, str, str]  # №, name, position, votes
    out_mark: str  # after a disqualified participant's name in the table
    out_note: str
    winner_heading: str
    winners_many: str
    winner_one: str
    no_winner: str
    winner: str  # one winner's line
    prize: str  # a place's prize and who takes it
    others: str  # the prizes without a place, as the regulation gives them
    out_heading: str
    out_item: str
    no_out: str
    signatures: str
    footer: str
    page: tuple[str, str]


VOTING_SENTENCES: dict[Language, VotingSentences] = {
    Language.KK: VotingSentences(
        draft="{% if draft %}ЖОБА — дауыс беру әлі жүріп жатыр, аяқталуы: {{ closes }}; "
              "қол қоюға арналмаған{% endif %}",
        title="ХАТТАМА{% if draft %} (ЖОБА){% endif %}",
        subtitle="байқау қорытындысын шығару туралы",
        date="{{ date }} ж.",
        organizer="{% if organizer %}Байқауды ұйымдастырушы: {{ organizer }}{% endif %}",
        how_heading="1. Дауыс беру барысы",
        how="Байқау жеңімпазы журналистер мен блогерлердің электрондық пошта арқылы берген "
            "дауыстарын санау жолымен анықталды{% if opens %} (дауыс беру мерзімі: "
            "{{ opens }} – {{ closes }}){% endif %}. Дауыс беру жасырын: хаттамада әр "
            "қатысушыға берілген дауыс саны мен жалпы қорытындылар ғана көрсетілген.",
        facts=(
            "Байқау қатысушылары: {{ count.participants }}{% if count.disqualified %} "
            "(оның ішінде байқаудан шығарылғаны: {{ count.disqualified }}){% endif %}",
            "Дауыс беруге тіркелгендер: {{ count.registered }}",
            "Тексеруден өтіп, дауыс беруге жіберілгендер: {{ count.verified }}",
            "Дауыс бергендер (дауыстары есепке алынды): {{ count.counted }}",
            "Жалған деп танылған дауыс берушілердің алып тасталған дауыстары: "
            "{{ count.removed }}",
        ),
        table_heading="2. Дауыс беру қорытындысы",
        columns=("Р/с №", "Қатысушының аты-жөні", "Лауазымы", "Дауыс саны"),
        out_mark="{% if row.out %} (байқаудан шығарылды){% endif %}",
        out_note="Байқаудан шығарылған қатысушылар кестенің соңында көрсетілген; олардың "
                 "дауыстары жеңімпазды анықтауда есепке алынбады (4-бөлімді қараңыз).",
        winner_heading="3. Жеңімпаз және жүлделер",
        winners_many="Байқау жеңімпаздары (дауыс саны тең):",
        winner_one="Байқау жеңімпазы:",
        no_winner="Жеңімпаз анықталмады: бірде-бір дауыс есепке алынбады.",
        winner="{{ item.name }}{% if item.role %}, {{ item.role }}{% endif %} — дауыс саны: "
               "{{ item.votes }}",
        prize="{{ item.place }}-орынның жүлдесі ({{ item.prize }}): {{ item.winners }}.",
        others="Сондай-ақ байқау ережесі бойынша:",
        out_heading="4. Байқаудан шығарылған қатысушылар",
        out_item="— Бюллетеньдегі № {{ item.number }}, {{ item.name }}: {{ item.reason }}",
        no_out="Ондай қатысушы жоқ.",
        signatures="Қолдар:",
        footer="Деректердің бақылау қосындысы (SHA-256): {{ sha256 }}",
        page=("Бет ", " / "),
    ),
    Language.RU: VotingSentences(
        draft="{% if draft %}ПРОЕКТ — голосование ещё идёт, оно завершается {{ closes }}; "
              "не для подписи{% endif %}",
        title="ПРОТОКОЛ{% if draft %} (ПРОЕКТ){% endif %}",
        subtitle="подведения итогов конкурса",
        date="{{ date }} г.",
        organizer="{% if organizer %}Организатор конкурса: {{ organizer }}{% endif %}",
        how_heading="1. Проведение голосования",
        how="Победитель конкурса определён подсчётом голосов, поданных журналистами и "
            "блогерами по электронной почте{% if opens %} с {{ opens }} по {{ closes }}"
            "{% endif %}. Голосование тайное: в протоколе указаны только число голосов за "
            "каждого участника и общие итоги.",
        facts=(
            "Участников конкурса: {{ count.participants }}{% if count.disqualified %} "
            "(из них снято с конкурса: {{ count.disqualified }}){% endif %}",
            "Зарегистрировалось голосующих: {{ count.registered }}",
            "Допущено к голосованию после проверки: {{ count.verified }}",
            "Приняли участие в голосовании (голоса учтены): {{ count.counted }}",
            "Снято голосов голосующих, признанных фиктивными: {{ count.removed }}",
        ),
        table_heading="2. Итоги голосования",
        columns=("№ п/п", "ФИО участника", "Должность", "Количество голосов"),
        out_mark="{% if row.out %} (снят(а) с конкурса){% endif %}",
        out_note="Участники, снятые с конкурса, приведены в конце таблицы; их голоса при "
                 "определении победителя не учитывались (см. раздел 4).",
        winner_heading="3. Победитель и призы",
        winners_many="Победителями конкурса стали (с равным количеством голосов):",
        winner_one="Победителем конкурса стал(а):",
        no_winner="Победитель не определён: не учтено ни одного голоса.",
        winner="{{ item.name }}{% if item.role %}, {{ item.role }}{% endif %} — голосов: "
               "{{ item.votes }}",
        prize="Приз за {{ item.place }} место ({{ item.prize }}): {{ item.winners }}.",
        others="Также по положению о конкурсе:",
        out_heading="4. Участники, снятые с конкурса",
        out_item="— № {{ item.number }} в бюллетене, {{ item.name }}: {{ item.reason }}",
        no_out="Таких участников нет.",
        signatures="Подписи:",
        footer="Контрольная сумма данных (SHA-256): {{ sha256 }}",
        page=("Стр. ", " из "),
    ),
}
