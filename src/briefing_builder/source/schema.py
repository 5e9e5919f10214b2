"""JSON Schemas of briefings and bundle manifests, for editors that complete and check YAML.

Generated from the same pydantic models the builder validates with, so an editor
and `briefing check` agree on what a field is called and what it holds.
"""

from __future__ import annotations

import json
from typing import Any

from .model import NAMED_FIELDS, Briefing

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
BRIEFING_SCHEMA = "briefing.schema.json"
MANIFEST_SCHEMA = "manifest.schema.json"


def json_schema(manifest: bool = False) -> dict[str, Any]:
    """Return the JSON Schema of a briefing, or of a bulletin issue's manifest."""
    if manifest:
        from .manifest import Manifest  # a model `briefing new` does without

        schema = Manifest.model_json_schema()
    else:
        schema = _panels_written_one_way(Briefing.model_json_schema())
    return {"$schema": SCHEMA_DIALECT, **schema,
            "title": "Bulletin issue manifest" if manifest else "7-minute briefing"}


def _panels_written_one_way(schema: dict[str, Any]) -> dict[str, Any]:
    """What `check` asks of the panels, for editors too: every named field, or `panels:`,
    never both; a named field is never empty (null)."""
    properties = schema["properties"]
    for name in NAMED_FIELDS:
        field = properties[name]
        field["anyOf"] = [kind for kind in field["anyOf"] if kind != {"type": "null"}]
        field.pop("default", None)
    properties["panels"]["anyOf"] = [kind for kind in properties["panels"]["anyOf"]
                                     if kind != {"type": "null"}]
    schema["oneOf"] = [{"required": ["panels"]}, {"required": list(NAMED_FIELDS)}]
    return schema


def schema_text(manifest: bool = False) -> str:
    """The schema as stable, readable JSON text."""
    return json.dumps(json_schema(manifest), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
