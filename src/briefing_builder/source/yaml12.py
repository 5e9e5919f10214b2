"""YAML 1.2's core schema, as editors read a file: `No`, `yes`, `on`, `off`, `y`, `n` and
`10:30` are text; only `true` and `false` are yes/no values, and numbers are written in
decimal, `0o17` or `0x1F`.

PyYAML resolves plain words by YAML 1.1, where `- No` is false and `- 10:30` is the number
630; the loaders here give every plain scalar the tag YAML 1.2 gives it, and `construct`
makes the value of a tag they gave.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.nodes import ScalarNode
from yaml.resolver import BaseResolver

BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
NULL = "tag:yaml.org,2002:null"

_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")


class CoreResolver(BaseResolver):
    """The tags of YAML 1.2's core schema, and nothing else."""


CoreResolver.add_implicit_resolver(
    BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreResolver.add_implicit_resolver(INT, _INT, list("-+0123456789"))
CoreResolver.add_implicit_resolver(FLOAT, _FLOAT, list("-+.0123456789"))
CoreResolver.add_implicit_resolver(NULL, re.compile(r"^(?:~|null|Null|NULL|)$"),
                                   ["~", "n", "N", ""])


class Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
             yaml.composer.Composer, yaml.constructor.BaseConstructor, CoreResolver):
    """PyYAML's pure-Python composer, resolving as YAML 1.2 does."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.BaseConstructor.__init__(self)
        CoreResolver.__init__(self)


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class CLoader(CParser, yaml.constructor.BaseConstructor, CoreResolver):
        """libyaml's composer, resolving as YAML 1.2 does."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.BaseConstructor.__init__(self)
            CoreResolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    CLoader = None


def construct(node: ScalarNode) -> Any:
    """The value of a plain scalar tagged yes/no, number or null. Written out with an
    explicit tag (`!!int x`) but not in the tag's form, it stays text."""
    value = node.value
    if node.tag == BOOL and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if node.tag == NULL and value in ("", "~", "null", "Null", "NULL"):
        return None
    if node.tag == INT and _INT.match(value):
        if value.startswith(("0o", "0x")):
            return int(value[2:], 8 if value[1] == "o" else 16)
        return int(value)
    if node.tag == FLOAT and _FLOAT.match(value):
        if value.lstrip("+-").lower() == ".inf":
            return -math.inf if value.startswith("-") else math.inf
        return math.nan if value.lower() == ".nan" else float(value)
    return value
