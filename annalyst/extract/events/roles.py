"""Who did what to whom: actor1, actor2 and associated actors around a trigger, from the parse."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from annalyst.extract.actors import Mention, actor_table, canonical_actor

__all__ = ["Role", "Roles", "assign_roles", "is_state", "ACTOR_HEADS", "CIVILIAN_HEADS"]

# Nouns that name an armed or political actor when no gazetteer name covers them.
ACTOR_HEADS = frozenset("forces troops army police military government militants fighters rebels guerrillas "
                        "gunmen insurgents soldiers navy fleet squadron unit units members protesters rioters "
                        "snipers guerilla brigade brigades division militia militias ronderos".split())
CIVILIAN_HEADS = frozenset("civilians civilian people settlers passengers man woman men women children "
                           "activists hostages employees journalists students worker workers peasants "
                           "scientist consul chairman prosecutor candidate member governor mediator leader "
                           "rancher citizen".split())
_STATE_WORDS = re.compile(r"\b(police|army|troops|military|forces of|government|navy|air force|guard|security forces|"
                          r"national police|gendarmerie|authorities)\b", re.I)
_ASSOC = re.compile(r"\b(backed by|supported by|with the support of|in cooperation with|along with|joined by|"
                    r"alongside|together with|acting in cooperation with)\b", re.I)
_PRONOUNS = frozenset({"they", "he", "she", "it", "we"})
_SYMMETRIC = frozenset({"Armed clash", "Agreement"})


@dataclass(frozen=True)
class Role:
    """An actor named in a role, with the characters it was read from (into the parsed text)."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Roles:
    actor1: Role | None
    actor2: Role | None
    assoc_actor_1: tuple[Role, ...]
    victim_civilian: bool
    person_object: bool


def is_state(name: str | None) -> bool:
    """Whether an actor is a state's forces or government."""
    if not name:
        return False
    actor = actor_table().actors.get(name)
    if actor is not None:
        return actor.kind in ("state forces", "government")
    return bool(_STATE_WORDS.search(name))


def _covering(token: Token, mentions: list[Mention]) -> Mention | None:
    for m in mentions:
        if m.start <= token.idx < m.end:
            return m
    return None


def _actor_of(token: Token, mentions: list[Mention], memory: Role | None) -> Role | None:
    """The actor a noun phrase names: a gazetteer mention inside it, a pronoun's antecedent, or its own words."""
    if token.lower_ in _PRONOUNS or (token.lower_ == "group" and any(c.lower_ == "the" for c in token.children)):
        return memory
    subtree = list(token.subtree)
    lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    inside = [m for m in mentions if lo <= m.start < hi and m.kind == "actor"]
    own = [m for m in inside if m.start <= token.idx < m.end]
    if own or inside:
        # with several names and none on the head, the one next to the verb is the phrase's head
        m = own[0] if own else (inside[-1] if token.head.idx > token.idx else inside[0])
        return Role(m.canonical, m.start, m.end)
    place = _covering(token, mentions)
    if place is not None and token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj", "conj") and token.ent_type_ == "GPE":
        return Role(place.canonical, place.start, place.end)
    if token.ent_type_ == "PERSON":
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            return Role(ent.text, ent.start_char, ent.end_char)
    if token.lower_ in ACTOR_HEADS or token.lemma_.lower() in ACTOR_HEADS:
        words = [t for t in subtree if t.i <= token.i and t.dep_ not in ("det", "nummod", "quantmod", "advmod", "prep", "punct")
                 and not t.like_num and t.lower_ not in ("about", "some", "all")]
        if words:
            name = " ".join(t.text for t in words)
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            return Role(canonical_actor(name) or name, start, end)
    return None


def _clause_verb(token: Token) -> Token:
    """The verb whose subject and objects give a trigger its roles."""
    t = token
    for _ in range(6):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) or t.head.i == t.i:
            return t
        if t.dep_ in ("relcl", "ccomp") and t.pos_ == "VERB":
            return t
        t = t.head
    return token


def _children(verb: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in verb.children if c.dep_ in deps]


def assign_roles(sent: SpacySpan, head: Token, mentions: list[Mention], memory: Role | None,
                 sub_event_type: str, prep_object: bool = False) -> Roles:
    """actor1 (who acts), actor2 (the target) and associated actors for the trigger at ``head``."""
    verb = _clause_verb(head)
    actor1 = actor2 = None
    victim: Token | None = None
    subjects = _children(verb, ("nsubj",))
    passive = _children(verb, ("nsubjpass",))
    agents = [p for a in _children(verb, ("agent",)) for p in a.children if p.dep_ == "pobj"]
    objects = _children(verb, ("dobj",)) or _children(head, ("dobj",))
    assoc: list[Role] = []
    if prep_object:
        pobj = [p for prep in head.subtree if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"]
        actor1 = next((r for r in (_actor_of(p, mentions, memory) for p in pobj) if r), None)
    if actor1 is None and agents:
        actor1 = _actor_of(agents[0], mentions, memory)
    if actor1 is None and subjects:
        actor1 = _actor_of(subjects[0], mentions, memory)
        others = [c for c in subjects[0].conjuncts]
        for other in others:
            role = _actor_of(other, mentions, memory)
            if role and role != actor1:
                if sub_event_type in _SYMMETRIC and actor2 is None:
                    actor2 = role
                else:
                    assoc.append(role)
    if passive:
        victim = passive[0]
        if actor2 is None:
            actor2 = _actor_of(victim, mentions, memory)
    if objects and actor2 is None and not prep_object:
        victim = victim or objects[0]
        actor2 = _actor_of(objects[0], mentions, memory)
    assoc += _associated(sent, mentions)
    actor1, actor2 = _fallback(sent, head, mentions, actor1, actor2, assoc, sub_event_type)
    civilian = _civilian(victim, actor2)
    if civilian and actor2 is None:
        actor2 = Role("Civilians", victim.idx, victim.idx + len(victim))
    person = victim is not None and (victim.ent_type_ in ("PERSON",) or
                                     (actor2 is not None and actor2.name not in (actor1.name if actor1 else None,)
                                      and victim.pos_ == "PROPN" and not any(m.kind == "place" and m.start <= victim.idx < m.end for m in mentions)))
    assoc_names = tuple(dict.fromkeys(r for r in assoc if not actor1 or r.name != actor1.name))
    return Roles(actor1, actor2, assoc_names, civilian, person)


def _associated(sent: SpacySpan, mentions: list[Mention]) -> list[Role]:
    out = []
    for m in _ASSOC.finditer(sent.text):
        start = sent.start_char + m.end()
        stop = start + 60
        for mention in mentions:
            if mention.kind == "actor" and start <= mention.start < stop:
                out.append(Role(mention.canonical, mention.start, mention.end))
    return out


def _fallback(sent, head, mentions, actor1, actor2, assoc, sub_event_type):
    """Nearest unused actor mentions: before the trigger for actor1, after it for actor2."""
    used = {r.name for r in (actor1, actor2, *assoc) if r}
    in_sent = [m for m in mentions if m.kind == "actor" and sent.start_char <= m.start < sent.end_char
               and m.canonical not in used]
    if actor1 is None:
        before = [m for m in in_sent if m.start < head.idx]
        if before:
            actor1 = Role(before[-1].canonical, before[-1].start, before[-1].end)
            in_sent = [m for m in in_sent if m.canonical != actor1.name]
    if actor2 is None and sub_event_type not in ("Change to group/activity", "Other"):
        rest = sorted(in_sent, key=lambda m: (m.start < head.idx, abs(m.start - head.idx)))
        if rest:
            actor2 = Role(rest[0].canonical, rest[0].start, rest[0].end)
    return actor1, actor2


def _civilian(victim: Token | None, actor2: Role | None) -> bool:
    if actor2 is not None:
        actor = actor_table().actors.get(actor2.name)
        if actor is not None:
            return actor.kind == "civilians"
        if actor2.name.startswith("Civilians"):
            return True
    if victim is None:
        return False
    if victim.ent_type_ == "PERSON" or victim.lower_ in CIVILIAN_HEADS or victim.lemma_.lower() in CIVILIAN_HEADS:
        return not any(t.lower_ in ACTOR_HEADS or t.lower_ in ("officer", "officers", "policemen", "guards", "soldier")
                       for t in victim.subtree)
    return False
