"""Rendering: a briefing's panels into HTML (Jinja2), laid out and written by WeasyPrint.

`panels` arranges the content into the seven panels; `html` fills the templates;
`engine` imports WeasyPrint once; `fetcher` is its only door to files; `house`
prepares the house style (with its `theme`) once per batch; `pdf` lays a page out
and writes it; `web` writes the HTML twin.
"""

from pathlib import Path

# The Jinja2 templates of every page; a build's digest reads them without the renderer.
TEMPLATES = Path(__file__).parent / "templates"
