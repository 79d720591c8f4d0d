"""Every environment variable the settings read is explained in the README's table."""

import re

from django.conf import settings


def test_every_environment_variable_is_in_the_readme_table():
    reader = (settings.BASE_DIR / "practice_site" / "settings" / "env.py").read_text()
    read = set(re.findall(r'\b(?:text|flag|integer|items|choice)\("([A-Z0-9_]+)"', reader))
    readme = (settings.BASE_DIR / "README.md").read_text()
    table_rows = [line for line in readme.splitlines() if line.startswith("| `")]
    documented = {name for row in table_rows for name in re.findall(r"`([A-Z0-9_]+)`", row.split(" | ")[0])}
    assert read, "no variables found in env.py"
    assert read - documented == set()
