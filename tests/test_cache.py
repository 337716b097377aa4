"""Files kept between processes: read whole or not at all, older ones dropped, never a crash."""

import os
import time

from helpers.data.cache import keep, read_kept


def test_a_kept_value_is_read_back_and_a_damaged_or_missing_file_is_a_miss(tmp_path):
    path = tmp_path / "cache" / "table-t-abc.pickle"
    keep(path, {"rows": [1, 2]}, "table-t-*.pickle")
    assert read_kept(path) == {"rows": [1, 2]}
    assert not list(path.parent.glob("*.tmp"))  # written whole, then moved
    path.write_bytes(b"not a pickle")
    assert read_kept(path) is None
    assert read_kept(tmp_path / "nothing.pickle") is None


def test_keeping_drops_what_it_replaces_and_bounds_the_rest(tmp_path):
    folder = tmp_path / "cache"
    keep(folder / "table-t-old.pickle", 1, "table-t-*.pickle")
    keep(folder / "table-u-one.pickle", 2, "table-u-*.pickle")
    keep(folder / "table-t-new.pickle", 3, "table-t-*.pickle")
    assert sorted(p.name for p in folder.iterdir()) == ["table-t-new.pickle", "table-u-one.pickle"]

    for i in range(4):
        path = folder / f"dataset-{i}.pickle"
        keep(path, i, f"dataset-{i}-*.pickle", ("dataset-*.pickle", 2))
        os.utime(path, (time.time() - 100 + i,) * 2)  # each newer than the one before, all past
    assert sorted(p.name for p in folder.glob("dataset-*")) == [
        "dataset-2.pickle",
        "dataset-3.pickle",
    ]


def test_a_folder_that_cannot_be_written_keeps_nothing_and_raises_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    keep(blocker / "table-t-x.pickle", 1, "table-t-*.pickle")
    assert read_kept(blocker / "table-t-x.pickle") is None
