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


def test_a_missing_title_is_not_pinned_on_a_sections_title(tmp_path):
    """"broken.toml, line 5: title is required" pointed at the first section's title, which is
    there: the template's own title was missing, on no line."""
    no_title = GOOD.replace('title = "Short weekly"\n', "")
    (tmp_path / "no_title.toml").write_text(no_title)
    bad_kind = GOOD.replace('kind = "weekly"', 'kind = "nonsense"')
    (tmp_path / "bad_kind.toml").write_text(bad_kind)
    _, problems = load_templates(tmp_path)
    by_file = {p.path.name: p for p in problems}
    assert by_file["no_title.toml"].line is None and "title" in by_file["no_title.toml"].message
    assert by_file["bad_kind.toml"].line == bad_kind.splitlines().index('kind = "nonsense"') + 1
