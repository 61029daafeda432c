"""The store's record of the web pages it read (kg/store/fetched.py)."""

from __future__ import annotations

from kg.store.fetched import FETCHED, FetchLog

A, B = "https://news.example.org/a", "https://news.example.org/b"
MAY_1, MAY_2 = "2024-05-01T08:00:00+00:00", "2024-05-02T08:00:00+00:00"


def test_a_page_read_under_a_stamp_is_unchanged_under_that_stamp_only(tmp_path):
    FetchLog(tmp_path).commit({A: MAY_1, B: None}, held=[A, B])
    log = FetchLog(tmp_path)
    assert log.unchanged(A, MAY_1) and log.unchanged(B, None)
    assert not log.unchanged(A, MAY_2)  # the feed says the page was updated
    assert not log.unchanged(B, MAY_1)  # the feed now dates it: read it again
    assert not log.unchanged("https://news.example.org/new", None)


def test_a_commit_keeps_the_stamps_of_pages_held_and_forgets_the_others(tmp_path):
    FetchLog(tmp_path).commit({A: MAY_1, B: MAY_1}, held=[A, B])
    FetchLog(tmp_path).commit({A: MAY_2}, held=[A, "c.txt"])  # b left the store
    log = FetchLog(tmp_path)
    assert log.stamps == {A: MAY_2}


def test_a_store_that_never_read_the_web_gets_no_file(tmp_path):
    FetchLog(tmp_path).commit({}, held=["a.txt"])
    assert not (tmp_path / "kg-cache" / FETCHED).exists()


def test_an_unreadable_file_is_one_warning_and_every_item_is_fetched_again(tmp_path):
    FetchLog(tmp_path).commit({A: MAY_1}, held=[A])
    path = tmp_path / "kg-cache" / FETCHED
    for broken in ("{not json", '{"pages": ["a list"]}', '{"pages": {"x": 3}}'):
        path.write_text(broken)
        warnings: list[str] = []
        log = FetchLog(tmp_path, on_warning=warnings.append)
        assert not log.unchanged(A, MAY_1)
        [warning] = warnings
        assert warning.startswith(f"{path}: unreadable") and "\n" not in warning
