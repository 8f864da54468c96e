from smarkmeet.tui.app import make_app


def test_home_wide(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40))


def test_home_narrow(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(80, 24))


def test_home_keys_panel(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), press=["question_mark"])
