"""The calculator registry (data/calculators.yml): what each calculator type takes and says.

No MkDocs here. calc_blocks reads the fields and options to parse blocks; calc_render
reads the sentences, labels, columns and notes to write HTML; `browser_json()` is
the same data for calc.js, which the build writes into the served script. So a
label, a default or a sentence exists once.

The template language (summary lines, snippets, captions) is described at the top
of the YAML file; `fill` and `lines` here and `fill`/`lines` in calc.js implement it.
A registry that does not follow its own rules fails on load with the file and the
key (RegistryError), never later in a page.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

import calculators

PATH = Path(__file__).resolve().parent.parent / "data" / "calculators.yml"
TEMPLATE_PART = re.compile(r"\{>(?P<snippet>\w+)\}|\{(?P<plain>\w+)\}|\[(?P<strong>\w+)\]")
CONDITION = re.compile(r"^(?:(?P<neg>not )?(?P<key>\w+)|(?P<lhs>\w+) (?P<op>==|!=) (?P<rhs>\S+))$")
FIELD = re.compile(r"^(?P<name>\w+)(?:\s*=\s*(?P<default>.*))?$")


class RegistryError(ValueError):
    """The registry file breaks one of its own rules; the message names file and key."""


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    default: str | None  # None: required; "": optional and empty unless given
    label: str


@dataclass(frozen=True)
class CalcType:
    name: str
    fields: tuple[Field, ...]
    show: tuple[str, ...]
    lead: str | None
    summary: tuple
    summary_each: str | None
    table: str
    charge: str
    note: str
    editable: bool
    method_label: str | None
    rate_field: str | None
    plans: tuple[int, int] | None

    @property
    def spec(self) -> dict[str, tuple[str, str | None]]:
        """{field: (kind, default)} in form order."""
        return {f.name: (f.kind, f.default) for f in self.fields}


def _need(mapping: dict, key: str, where: str):
    if not isinstance(mapping, dict) or key not in mapping:
        raise RegistryError(f"{PATH.name}: {where}: '{key}' is missing")
    return mapping[key]


class Registry:
    def __init__(self, data: dict):
        self.data = data
        self.kinds: dict = _need(data, "kinds", "top level")
        self.field_defs: dict = _need(data, "fields", "top level")
        self.options: dict = _need(data, "options", "top level")
        self.snippets: dict = _need(data, "snippets", "top level")
        self.tables: dict = _need(data, "tables", "top level")
        self.texts: dict = _need(data, "texts", "top level")
        self.types: dict[str, CalcType] = {
            name: self._type(name, entry)
            for name, entry in _need(data, "types", "top level").items()
        }
        for name, snippet in self.snippets.items():
            self._check(snippet, f"snippets.{name}", lines=False)
        for name, t in self.types.items():
            self._check(list(t.summary), f"types.{name}.summary", lines=True)
            for key in ("summary_each", "lead"):
                if getattr(t, key):
                    self._check(getattr(t, key), f"types.{name}.{key}", lines=False)

    def _type(self, name: str, entry: dict) -> CalcType:
        where = f"types.{name}"
        fields = []
        for text in _need(entry, "fields", where):
            match = FIELD.match(str(text))
            if not match:
                raise RegistryError(f"{PATH.name}: {where}.fields: cannot read {text!r}")
            field = match["name"]
            spec = self.field_defs.get(field)
            if spec is None:
                raise RegistryError(f"{PATH.name}: {where}.fields: {field!r} is not under 'fields'")
            kind = _need(spec, "kind", f"fields.{field}")
            if kind not in self.kinds:
                raise RegistryError(f"{PATH.name}: fields.{field}: unknown kind {kind!r}")
            fields.append(
                Field(field, kind, match["default"], _need(spec, "label", f"fields.{field}"))
            )
        table = entry.get("table", "none")
        if table not in ("schedule", "compare", "debt_plan", "none"):
            raise RegistryError(f"{PATH.name}: {where}.table: {table!r}")
        plans = entry.get("plans")
        return CalcType(
            name=name,
            fields=tuple(fields),
            show=tuple(entry.get("show", ())),
            lead=entry.get("lead"),
            summary=tuple(entry.get("summary", ())),
            summary_each=entry.get("summary_each"),
            table=table,
            charge=entry.get("charge", ""),
            note=_need(entry, "note", where),
            editable=bool(entry.get("editable", False)),
            method_label=entry.get("method_label"),
            rate_field=entry.get("rate_field"),
            plans=tuple(plans) if plans else None,
        )

    def _check(self, item, where: str, lines: bool) -> None:
        """Templates name existing snippets; conditions follow the grammar."""
        if isinstance(item, str):
            for match in TEMPLATE_PART.finditer(item):
                if match["snippet"] and match["snippet"] not in self.snippets:
                    raise RegistryError(f"{PATH.name}: {where}: unknown snippet {match[0]!r}")
        elif isinstance(item, list) and item and all(isinstance(x, dict) for x in item):
            for index, case in enumerate(item):
                if "if" in case:
                    if not CONDITION.match(str(case["if"])):
                        raise RegistryError(
                            f"{PATH.name}: {where}[{index}]: bad condition {case['if']!r}"
                        )
                    self._check(_need(case, "then", f"{where}[{index}]"), where, lines)
                elif "else" in case and index == len(item) - 1:
                    self._check(case["else"], where, lines)
                else:
                    raise RegistryError(
                        f"{PATH.name}: {where}[{index}]: expected 'if'/'then' or a last 'else'"
                    )
        elif lines and isinstance(item, list):
            for sub in item:
                self._check(sub, where, lines)
        else:
            raise RegistryError(f"{PATH.name}: {where}: expected a template or a conditional")

    # --- filling templates ---------------------------------------------------------------

    def fill(self, template, view: dict) -> str:
        """A template (or a conditional snippet) with the view's values, HTML-escaped."""
        if not isinstance(template, str):
            chosen = choose(template, view)
            return "" if chosen is None else self.fill(chosen, view)

        def part(match: re.Match[str]) -> str:
            if match["snippet"]:
                return self.fill(self.snippets[match["snippet"]], view)
            key = match["plain"] or match["strong"]
            value = html.escape(str(view[key]), quote=True)
            return f"<strong>{value}</strong>" if match["strong"] else value

        return TEMPLATE_PART.sub(part, template)

    def lines(self, items, view: dict) -> list[str]:
        """Summary items -> the filled lines (conditionals pick their lines)."""
        out: list[str] = []
        for item in items:
            if isinstance(item, str):
                out.append(self.fill(item, view))
                continue
            chosen = choose(item, view) if _is_conditional(item) else item
            if chosen is not None:
                out += self.lines([chosen] if isinstance(chosen, str) else chosen, view)
        return out

    def _snippets_used(self, types) -> dict:
        """The snippets the given browser types' templates name, directly or through a snippet."""
        todo = [t.get(k) for t in types for k in ("lead", "summary", "summary_each") if t.get(k)]
        used: dict = {}
        while todo:
            for template in _templates(todo.pop()):
                for match in TEMPLATE_PART.finditer(template):
                    name = match["snippet"]
                    if name and name not in used:
                        used[name] = self.snippets[name]
                        todo.append(used[name])
        return used

    def browser_json(self, wanted: set[str] | None = None) -> str:
        """What calc.js needs, as compact JSON: the editable types (of `wanted`, plus the
        schedule types a method field can name), and only what the script reads (labels
        and option texts are in the page's form already). Safe inside <script>."""
        if wanted is not None and any(
            "method" in self.types[name].spec for name in wanted if name in self.types
        ):
            wanted = set(wanted) | {n for n, t in self.types.items() if t.rate_field}
        types = {
            name: {
                "fields": [[f.name, f.kind, f.default] for f in t.fields],
                **({"lead": t.lead} if t.lead else {}),
                "summary": list(t.summary),
                **({"summary_each": t.summary_each} if t.summary_each else {}),
                "table": t.table,
                **({"charge": t.charge} if t.charge else {}),
                **({"method_label": t.method_label} if t.method_label else {}),
                **({"rate_field": t.rate_field} if t.rate_field else {}),
            }
            for name, t in self.types.items()
            if t.editable and (wanted is None or name in wanted)
        }
        used_kinds = {kind for t in types.values() for _, kind, _ in t["fields"]}
        kinds = {
            name: {k: v for k, v in kind.items() if k in ("per", "options")}
            for name, kind in self.kinds.items()
            if name in used_kinds
        }
        options = {
            name: [[o["value"], *o.get("aliases", ())] for o in choices]
            for name, choices in self.options.items()
            if name in {kind.get("options") for kind in kinds.values()}
        }
        tables = {t["table"] for t in types.values()}
        data = {
            "kinds": kinds,
            "options": options,
            "snippets": self._snippets_used(types.values()),
            "tables": {name: table for name, table in self.tables.items() if name in tables},
            # "unavailable" is built into the page (site.js shows it when calc.js cannot load)
            "texts": {key: text for key, text in self.texts.items() if key != "unavailable"},
            "types": types,
            # the engine's 24 % line (calculators.COURT_REVIEW_THRESHOLD), as the views compare it
            "court_line": str(calculators.COURT_REVIEW_THRESHOLD),
            # the engine's plausible range of a typed rate per period (calculators.RATE_PLAUSIBLE)
            "plausible": {
                per: [str(low), str(high)]
                for per, (low, high) in calculators.RATE_PLAUSIBLE.items()
            },
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return text.replace("</", "<\\/")


def _templates(item):
    """Every template string inside a summary item, snippet or conditional."""
    if isinstance(item, str):
        yield item
    elif isinstance(item, dict):
        for key in ("then", "else"):
            if key in item:
                yield from _templates(item[key])
    elif isinstance(item, list):
        for sub in item:
            yield from _templates(sub)


def _is_conditional(item) -> bool:
    return isinstance(item, list) and bool(item) and all(isinstance(x, dict) for x in item)


def holds(condition: str, view: dict) -> bool:
    match = CONDITION.match(condition)
    if match["key"]:
        value = view[match["key"]]
        true = value is True or (isinstance(value, str) and value != "")
        return not true if match["neg"] else true
    equal = str(view[match["lhs"]]) == match["rhs"]
    return equal if match["op"] == "==" else not equal


def choose(cases: list, view: dict):
    """The `then` of the first true case, else the `else`, else None."""
    for case in cases:
        if "if" in case:
            if holds(str(case["if"]), view):
                return case["then"]
        else:
            return case["else"]
    return None


def load(path: Path = PATH) -> Registry:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise RegistryError(f"{path.name}: not valid YAML: {error}") from None
    return Registry(data)


REGISTRY = load()
