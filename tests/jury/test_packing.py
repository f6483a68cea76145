"""A juror's works fit in emails under the budget; nothing is left out silently."""

from __future__ import annotations

from jury.packing import TEXT_ALLOWANCE, Delivery, FileToSend, encoded_size, pack, part_count

MB = 1024 * 1024


def video(number: str, size: int) -> FileToSend:
    return FileToSend(number=number, path=f"works/{number}/01-abc.mp4",
                      filename=f"{number}-1.mp4", size=size, content_type="video/mp4")


def test_base64_grows_a_file_by_a_third_and_its_line_breaks() -> None:
    assert encoded_size(3) == 4 + 2
    assert encoded_size(57) == 76 + 4  # one full line: its CRLF, and the last line's
    assert encoded_size(6 * MB) > 8 * MB


def test_files_fill_a_part_before_the_next_one_starts() -> None:
    # Budget 20 MB: 6 MB files take 8.1 MB each once encoded, so two fit an email.
    files = [video(f"A-000{n}", 6 * MB) for n in range(1, 6)]
    placed = pack(files, 20 * MB)
    assert [item.part for item in placed] == [1, 1, 2, 2, 3]
    assert {item.delivery for item in placed} == {Delivery.ATTACHED}
    assert part_count(placed) == 3
    for part in (1, 2, 3):
        size = sum(encoded_size(item.file.size) for item in placed if item.part == part)
        assert size + TEXT_ALLOWANCE <= 20 * MB


def test_a_file_too_large_for_any_email_is_a_link_or_the_organizers_job() -> None:
    files = [video("A-0001", 2 * MB), video("A-0002", 30 * MB), video("A-0003", 2 * MB)]
    with_url = pack(files, 20 * MB, "https://files.example.kz/shanyraq/")
    assert [(item.delivery, item.part, item.link) for item in with_url] == [
        (Delivery.ATTACHED, 1, ""),
        (Delivery.LINK, 0, "https://files.example.kz/shanyraq/works/A-0002/01-abc.mp4"),
        (Delivery.ATTACHED, 1, ""),
    ]
    without = pack(files, 20 * MB)
    assert without[1].delivery is Delivery.ORGANIZERS
    assert part_count(without) == 1


def test_no_files_is_one_part() -> None:
    assert part_count(pack([], 20 * MB)) == 1
