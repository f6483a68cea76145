"""Which links are works, of what kind, and when two links are the same work."""

from __future__ import annotations

import pytest

from intake.works.links import classify_link, link_identity, link_work, link_works
from intake.works.work import Work


def test_links_to_works_counted_once_and_profiles_left_out() -> None:
    works = link_works([
        "https://youtu.be/AbC123xyz",
        "https://www.youtube.com/watch?v=AbC123xyz&si=tracking",
        "https://www.youtube.com/shorts/AbC123xyz",
        "https://www.instagram.com/reel/DQx1/?igsh=abc",
        "https://instagram.com/reel/DQx1",
        "https://www.instagram.com/aigerim.kz/",
        "https://www.tiktok.com/@aigerim/photo/7350000000000000001",
        "https://drive.google.com/file/d/1AbCdEf/view?usp=sharing",
        "https://cloud.mail.ru/public/Ab12/Cd34/Бурабай.mp4",
        "https://disk.yandex.kz/i/xYz987",
    ])

    assert [(work.kind, work.title, work.format) for work in works] == [
        ("video", "https://youtu.be/AbC123xyz", "youtube"),
        ("video", "https://www.instagram.com/reel/DQx1/", "instagram"),
        ("photo", "https://www.tiktok.com/@aigerim/photo/7350000000000000001", "tiktok"),
        ("multimedia", "https://drive.google.com/file/d/1AbCdEf/view?usp=sharing",
         "google-drive"),
        ("video", "https://cloud.mail.ru/public/Ab12/Cd34/Бурабай.mp4", "cloud-mail-ru"),
        ("multimedia", "https://disk.yandex.kz/i/xYz987", "yandex-disk"),
    ]
    assert all(work.is_link and work.size is None and work.sha256 is None
               for work in works)


@pytest.mark.parametrize(
    ("url", "kind", "platform"),
    [
        ("https://www.youtube.com/watch?v=x1", "video", "youtube"),
        ("https://m.youtube.com/shorts/x1", "video", "youtube"),
        ("https://youtu.be/x1", "video", "youtube"),
        ("https://www.tiktok.com/@aigerim/video/735", "video", "tiktok"),
        ("https://vm.tiktok.com/ZMabc/", "video", "tiktok"),
        ("https://www.tiktok.com/@aigerim/photo/735", "photo", "tiktok"),
        ("https://www.instagram.com/reel/C1/", "video", "instagram"),
        ("https://www.instagram.com/aigerim.kz/reel/C1/", "video", "instagram"),
        ("https://www.instagram.com/tv/C1/", "video", "instagram"),
        ("https://www.instagram.com/p/C1/", "multimedia", "instagram"),
        ("https://www.facebook.com/watch?v=123", "video", "facebook"),
        ("https://www.facebook.com/reel/123", "video", "facebook"),
        ("https://www.facebook.com/aigerim/videos/123/", "video", "facebook"),
        ("https://www.facebook.com/share/v/1Ab/", "video", "facebook"),
        ("https://www.facebook.com/share/p/1Ab/", "multimedia", "facebook"),
        ("https://fb.watch/abc/", "video", "facebook"),
        ("https://vk.com/video-123_456", "video", "vk"),
        ("https://vk.com/clip-123_456", "video", "vk"),
        ("https://vkvideo.ru/video-123_456", "video", "vk"),
        ("https://vk.com/wall-123_456", "multimedia", "vk"),
        ("https://www.threads.net/@aigerim/post/C1", "multimedia", "threads"),
        ("https://t.me/shanyraq_hub/42", "multimedia", "telegram"),
        ("https://x.com/aigerim/status/1", "multimedia", "x"),
        ("https://vimeo.com/123456", "video", "vimeo"),
        ("https://rutube.ru/video/abc/", "video", "rutube"),
        ("https://ok.ru/video/123", "video", "ok"),
        ("https://docs.google.com/presentation/d/1Ab/edit", "multimedia", "google-drive"),
        ("https://disk.yandex.ru/d/Ab/Фото.JPG", "photo", "yandex-disk"),
        ("https://yadi.sk/i/Ab", "multimedia", "yandex-disk"),
        ("https://www.dropbox.com/scl/fi/ab/clip.mov?rlkey=x&dl=0", "video", "dropbox"),
        ("https://we.tl/t-AbC", "multimedia", "wetransfer"),
        ("https://example.kz/works/film.mp4", "video", "example.kz"),
        ("https://example.kz/portfolio", "multimedia", "example.kz"),
    ],
)
def test_link_kinds(url: str, kind: str, platform: str) -> None:
    assert classify_link(url) == (kind, platform)


def test_links_to_profiles_are_not_works() -> None:
    assert link_work("https://www.instagram.com/aigerim.kz/") is None
    assert link_work("https://www.tiktok.com/@aigerim") is None
    assert link_work("https://www.youtube.com/@aigerim") is None
    assert link_work("https://vk.com/aigerim") is None
    work = link_work("https://youtu.be/x1?si=abc")
    assert work == Work(kind="video", title="https://youtu.be/x1", is_link=True,
                        url="https://youtu.be/x1", format="youtube")


def test_link_identity() -> None:
    same = {
        link_identity(url)
        for url in (
            "https://youtu.be/AbC", "https://www.youtube.com/watch?v=AbC&t=10s",
            "https://m.youtube.com/shorts/AbC", "https://www.youtube.com/embed/AbC",
        )
    }
    assert same == {"youtube:AbC"}
    assert link_identity("https://youtu.be/AbC") != link_identity("https://youtu.be/abc")
    assert link_identity("https://www.instagram.com/p/C1/") == link_identity(
        "https://instagram.com/reel/C1?igsh=x"
    )
    assert link_identity("https://drive.google.com/file/d/1Ab/view") == link_identity(
        "https://drive.google.com/file/d/1Ab/view/"
    )
    assert link_identity("https://drive.google.com/file/d/1Ab/view") != link_identity(
        "https://drive.google.com/file/d/1AB/view"
    )
