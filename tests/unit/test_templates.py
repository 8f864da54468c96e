from smarkmeet.services.templates import load_templates

GOOD = """
name = "short"
kind = "weekly"
title = "Short weekly"

[[sections]]
kind = "checkin"
title = "Check-in"
minutes = 2

[[sections]]
kind = "wrapup"
title = "Wrap-up"
minutes = 3
"""


def test_built_ins_without_a_directory(tmp_path):
    templates, problems = load_templates(tmp_path / "missing")
    assert set(templates) == {"weekly", "monthly"} and problems == []


def test_user_template_is_added(tmp_path):
    (tmp_path / "short.toml").write_text(GOOD)
    templates, problems = load_templates(tmp_path)
    assert problems == []
    assert templates["short"].planned_minutes == 5


def test_bad_files_name_file_line_and_problem_and_built_ins_still_work(tmp_path):
    (tmp_path / "broken.toml").write_text('name = "x"\ntitle = "oops\n')
    zero = GOOD.replace("minutes = 3", "minutes = 0")
    (tmp_path / "zero.toml").write_text(zero)
    zero_line = zero.splitlines().index("minutes = 0") + 1
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00")
    templates, problems = load_templates(tmp_path)
    assert {"weekly", "monthly"} <= set(templates) and "short" not in templates
    by_file = {p.path.name: p for p in problems}
    assert by_file["broken.toml"].line == 2
    assert by_file["zero.toml"].line == zero_line and "minutes must be at least 1" in by_file["zero.toml"].message
    assert "UTF-8" in by_file["binary.toml"].message
    assert str(by_file["zero.toml"]).startswith(f"{tmp_path / 'zero.toml'}, line {zero_line}: ")
