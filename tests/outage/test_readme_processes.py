"""The README's process list names only commands that exist, and one worker command everywhere."""

import re

from django.core.management import get_commands

from .conftest import ROOT


def processes_section() -> str:
    """The Processes table and its cron lines, up to the next heading."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Processes") + 1:]
    return section[: section.index("\n#", section.index("```cron") + 8)] if "\n#" in section else section


def test_the_process_list_and_cron_lines_name_only_commands_that_exist():
    named = set(re.findall(r"manage\.py (\w+)", processes_section()))
    assert "run_worker" in named
    assert named - set(get_commands()) == set()


def test_the_readme_names_one_worker_command_everywhere():
    readme = (ROOT / "README.md").read_text()
    assert "manage.py db_worker" not in readme
    assert set(re.findall(r"manage\.py (\w*worker)", readme)) == {"run_worker"}
