"""YAML as contributors may write it: PyYAML's safe loader, stricter.

- no aliases (`*name`): an alias bomb of a few lines expands to billions of elements;
- no duplicate keys: a second `number:` in a helpline silently replaced the first, which a
  reviewer reading the first would never see;
- an impossible date (`2026-13-45`, unquoted) is a finding at its line, not a crash.
Every problem is a YAMLError with a mark, so callers report file and line as for any syntax error.
"""
from __future__ import annotations

import yaml
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent


class StrictLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, f"aliases (*{event.anchor}) are not allowed",
                                              event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                if key in seen:
                    raise ConstructorError(None, None, f"duplicate key '{key}' (first at line {seen[key] + 1}): "
                                                       "only one value can be published", key_node.start_mark)
                seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise ConstructorError(None, None, f"'{node.value}' is not a date ({exc})", node.start_mark) from None


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


def load(text):
    """Parse `text` (a string or a file); raises yaml.YAMLError (with a mark) on anything refused."""
    return yaml.load(text, Loader=StrictLoader)


def problem(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """(0-based line or None, message) of a YAML error: where the problem is, not where its block starts."""
    context = getattr(exc, "context", None) or ""
    if context.startswith(("while scanning a quoted scalar", "while parsing a flow")):
        # a quote or bracket left open: the problem is found further on; the context is where it opened
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    else:  # "while parsing a block mapping" marks where the block starts: the problem is the broken line
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    text = " ".join(filter(None, [getattr(exc, "context", None), getattr(exc, "problem", None)])) or str(exc).split("\n")[0]
    return (mark.line if mark else None), text
