"""Command-line fixtures shared by the unit tests: a CliRunner and a log file holding the demo team."""

import pytest
from click.testing import CliRunner

from smarkmeet.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def sample_db(tmp_path, runner):
    path = tmp_path / "team.db"
    result = runner.invoke(cli, ["load-sample", "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path
