"""An installed copy, without this repository, still has its templates and house style."""

import subprocess
import sys
import zipfile

from helpers import ROOT

from briefing_builder.settings import Settings


def test_wheel_carries_templates_and_the_default_house_style(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("briefing_builder-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in ("render/templates/briefing.html.j2", "render/templates/contents.html.j2",
                 "source/new-briefing.yaml", "checks/data/plain-language.toml",
                 "locales/cy/LC_MESSAGES/messages.po", "locales/messages.pot"):
        assert f"briefing_builder/{data}" in names, data
    assert "briefing_builder/styles/briefing.css" in names


def test_without_a_project_the_shipped_style_is_used(tmp_path):
    assert (Settings(styles=tmp_path / "nowhere").styles_dir() / "briefing.css").is_file()
