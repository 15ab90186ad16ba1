"""Infobox labels: which lines start a row, and which canonical field a label means."""
from __future__ import annotations

import re
from functools import lru_cache

from annalyst.data import field_spec, load_yaml  # noqa: F401 - field_spec is part of this module's API


def normalise_label(label: str) -> str:
    """A label as compared: no-break spaces folded, white space collapsed, no colon, case-folded."""
    return " ".join(label.replace("\u00a0", " ").split()).rstrip(":").strip().casefold()


def field_of(label: str) -> str | None:
    """The canonical field a rendered label or wikitext parameter stands for."""
    key = normalise_label(label)
    return label_fields().get(key) or label_fields().get(key.replace(" ", "_"))


@lru_cache(maxsize=None)
def label_fields() -> dict[str, str]:
    """Every rendered label and wikitext parameter (normalised) -> canonical field."""
    table: dict[str, str] = {}
    for field, spec in load_yaml("infobox_fields.yaml")["fields"].items():
        for label in spec.get("labels", []) + spec.get("params", []):
            table.setdefault(normalise_label(label), field)
    return table




def raw_field(label: str) -> str:
    """The field a row with an unknown label is kept under: its label, as a plain key
    ("Alma mater" -> "alma_mater", "Area • Total" -> "area_total"). A label that would take
    a key of the profile itself ("License", "Media", "Sources", "Kind") keeps an "infobox_" prefix."""
    plain = " ".join(label.replace("(s)", "s").split()).rstrip(":").lower()  # "Parent(s)" -> "parents"
    key = re.sub(r"\W+", "_", plain).strip("_")
    return f"infobox_{key}" if key in _RESERVED else key


# keys every profile has of its own (store/profiles.py), which no raw infobox label may take
_RESERVED = frozenset({"id", "kind", "kind_evidence", "name", "aliases", "native_name", "media", "sources",
                       "license", "contradicted_by"})


@lru_cache(maxsize=None)
def label_pattern() -> re.Pattern:
    """Matches a line that starts with a rendered label, longest label first.

    The labels are the fields' (infobox_fields.yaml) and those the infobox templates render
    (subject_kinds.yaml: "Official languages", "Currency", "Time zone"), kept as raw fields.
    The label may be followed by spaces (no-break ones too), a colon, or nothing
    at all when the scrape glued it to a value that starts with a capital or digit
    ("ActiveEarly 1920s–present").
    """
    fields = {lab for spec in load_yaml("infobox_fields.yaml")["fields"].values() for lab in spec.get("labels", [])}
    labels = sorted(fields | template_labels(), key=len, reverse=True)
    alts = "|".join(r"[ \u00a0]+".join(re.escape(w) for w in lab.split()) for lab in labels)
    return re.compile(rf"[ \u00a0]*(?P<label>{alts})(?:[ \u00a0]*:[ \u00a0]*|[ \u00a0]+|(?=[A-Z0-9\"'(])|$)")


@lru_cache(maxsize=None)
def template_labels() -> frozenset[str]:
    """The rendered labels of the infobox templates that subject_kinds.yaml lists."""
    return frozenset(lab for rule in load_yaml("subject_kinds.yaml")["infobox"] for lab in rule["labels"])


@lru_cache(maxsize=None)
def _wrapped_tails() -> dict[str, str]:
    tails = {}
    for spec in load_yaml("infobox_fields.yaml")["fields"].values():
        for lab in spec.get("labels", []):
            parts = lab.split()
            for i in range(1, len(parts)):
                tail = " ".join(parts[i:])
                if tail[0].islower():
                    tails.setdefault(tail, lab)
    return tails


def wrapped_label(line: str) -> str | None:
    """The full label when a line holds only the wrapped end of one ("and wars")."""
    return _wrapped_tails().get(" ".join(line.replace("\u00a0", " ").split()))


_PARAM_ROW = re.compile(r"[ \t]*[-*][ \t]+(?P<label>[A-Za-z][A-Za-z0-9 _]{0,40}?):[ \t]*")
# a portable infobox scraped as "param: value" lines (Fandom's data-source names are lower case)
_BARE_PARAM_ROW = re.compile(r"[ \t]*(?P<label>[a-z][a-z0-9_]{0,40}):[ \t]+(?=\S)")


def param_row(line: str) -> re.Match | None:
    """A "- Param: value" line (a dumped wikitext infobox), or a "param: value" line (a scraped
    portable infobox), whose parameter we know."""
    m = _PARAM_ROW.match(line) or _BARE_PARAM_ROW.match(line)
    if m and normalise_label(m.group("label")).replace(" ", "_") in label_fields():
        return m
    return None
