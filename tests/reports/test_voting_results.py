"""A voting contest's `baiqau results`: a row per participant placed by votes, ties sharing a
place, the disqualified last with their reason, the same bytes from the same count."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from votingcounts import KAZAKH, REASON, SEED, seed_count, with_votes

from jury.voting.count import VotingCount
from reports.tables import write_export
from reports.voting_results import (
    COLUMNS,
    export_voting_results,
    voting_rows,
    winners,
    write_voting_results,
)


def written(count: VotingCount, fmt: str) -> str:
    out = io.StringIO()
    write_voting_results(count, fmt, out)
    return out.getvalue()


def test_places_by_votes_ties_share_and_skip_the_disqualified_come_last() -> None:
    rows = json.loads(written(seed_count(), "json"))
    assert [list(row) for row in rows] == [COLUMNS] * 11
    assert [(row["place"], row["votes"]) for row in rows] == [
        (1, 58), (2, 53), (3, 48), (4, 26), (5, 6), (6, 2), (6, 2), (8, 1), (9, 0), (9, 0),
        (None, 46)]
    # Tied rows go by ballot number, and say that they share the place.
    assert [(row["number"], row["flags"]) for row in rows[5:7]] == [
        (3, ["shared_place"]), (10, ["shared_place"])]
    assert [row["flags"] for row in rows[8:10]] == [["shared_place"]] * 2
    assert all(row["flags"] == [] for row in rows[:5] + rows[7:8])
    last = rows[-1]
    assert (last["number"], last["name"], last["flags"]) == (
        11, SEED[3][0], [f"disqualified: {REASON}"])
    assert rows[0] == {"place": 1, "number": 4, "name": "Марат Балауса Маратқызы",
                       "position": "Пресс-секретарь",
                       "organization": "Палата предпринимателей Алматинской области",
                       "votes": 58, "flags": []}


def test_the_same_count_gives_the_same_bytes_in_every_format() -> None:
    count = seed_count()
    shuffled = replace(count, entries=tuple(reversed(count.entries)))
    for fmt in ("json", "csv", "table"):
        assert written(count, fmt) == written(shuffled, fmt), fmt
    text = written(count, "json")
    # One row a line, as the jury's results: readable and diffable.
    assert text.startswith("[\n{\"place\": 1, ") and text.endswith("}\n]\n")
    assert len(text.splitlines()) == 13
    assert set(KAZAKH) <= set(text)


def test_csv_is_excels_with_a_bom_and_a_reason_stays_one_cell() -> None:
    count = seed_count()
    count = replace(count, entries=tuple(
        replace(entry, disqualified="голоса не журналистов,\nмного") if entry.disqualified
        else entry for entry in count.entries))
    text = written(count, "csv")
    assert text.startswith("\ufeffplace,number,name,position,organization,votes,flags\r\n")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 12
    assert rows[1] == ["1", "4", "Марат Балауса Маратқызы", "Пресс-секретарь",
                       "Палата предпринимателей Алматинской области", "58", ""]
    assert rows[6][0] == rows[7][0] == "6" and rows[6][-1] == "shared_place"
    assert rows[-1][0] == "" and rows[-1][-1] == "disqualified: голоса не журналистов, много"


def test_the_table_shows_every_participant_and_the_reason() -> None:
    text = written(seed_count(), "table")
    assert "Results" in text
    for name, _, _, _ in SEED:
        assert name in text, name
    assert "disqualified: Многочисленные" in text
    assert "shared_place" in text and "—" in text


def test_the_export_writes_the_same_rows_as_results() -> None:
    from zoneinfo import ZoneInfo

    count = seed_count()
    out = io.BytesIO()
    write_export(export_voting_results(count), "json", out, ZoneInfo("Asia/Almaty"))
    assert out.getvalue().decode("utf-8") == written(count, "json")
    out = io.BytesIO()
    write_export(export_voting_results(count), "csv", out, ZoneInfo("Asia/Almaty"))
    assert out.getvalue().decode("utf-8") == written(count, "csv")
    out = io.BytesIO()
    write_export(export_voting_results(count), "xlsx", out, ZoneInfo("Asia/Almaty"))
    assert out.getvalue().startswith(b"PK")


def test_winners_share_first_place_and_nobody_wins_with_no_votes() -> None:
    tied = voting_rows(with_votes(seed_count(), {9: 58}))
    assert [(row["place"], row["number"]) for row in tied[:3]] == [(1, 4), (1, 9), (3, 1)]
    assert [row["number"] for row in winners(tied)] == [4, 9]
    assert [row["number"] for row in winners(voting_rows(seed_count()))] == [4]

    silent = with_votes(seed_count(), {entry.number: 0 for entry in seed_count().entries})
    rows = voting_rows(silent)
    assert winners(rows) == []
    assert [row["place"] for row in rows] == [1] * 10 + [None]
    assert [row["number"] for row in rows[:10]] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]


def test_a_contest_without_disqualification_or_participants() -> None:
    rows = voting_rows(seed_count(disqualify=False))
    assert [row["place"] for row in rows][:5] == [1, 2, 3, 4, 5]
    assert rows[3]["number"] == 11 and rows[3]["votes"] == 46
    assert all(row["place"] is not None for row in rows)
    empty = replace(seed_count(), entries=())
    assert written(empty, "json") == "[\n]\n"
    assert written(empty, "csv") == "\ufeff" + ",".join(COLUMNS) + "\r\n"
