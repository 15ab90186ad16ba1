"""Who did what to whom: actor1, actor2 and associated actors around a trigger, from the parse."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from annalyst.extract.actors import actor_table, demonyms
from annalyst.extract.nlp import Mention

from .phrases import ACTOR_HEADS, CIVILIAN_HEADS, actor_of, core_words, demonym_of_event, state_actor
from .record import Role
from .victims import killed_class, titled, victim_class

__all__ = ["Role", "Roles", "assign_roles"]

_ASSOC = re.compile(r"\b(backed by|supported by|with the support of|in cooperation with|along with|joined by|"
                    r"alongside|together with|acting in cooperation with)\b", re.I)
_SYMMETRIC = frozenset({"Armed clash", "Agreement"})
_SELF = frozenset({"Change to group/activity"})
_PERSONAL = frozenset({"he", "she", "they", "him", "her", "them"})
_ON_PEOPLE = frozenset({"Abduction/forced disappearance", "Attack", "Sexual violence"})


@dataclass(frozen=True)
class Roles:
    actor1: Role | None
    actor2: Role | None
    assoc_actor_1: tuple[Role, ...]
    victim_civilian: bool
    person_object: bool


def _clause_verb(token: Token) -> Token:
    """The verb whose subject and objects give a trigger its roles."""
    t = token
    for _ in range(6):
        if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in t.children) or t.head.i == t.i:
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
    actor1 = _blamed(head, mentions, memory)
    if actor1 is not None:  # "X blamed Y for an attack": neither the blaming clause nor X is the attack's
        verb = head
        mentions = [m for m in mentions if m.start > head.head.head.idx]
    else:
        verb = _clause_verb(head)
    actor2 = None
    victim: Token | None = None
    subjects = _children(verb, ("nsubj",))
    passive = _children(verb, ("nsubjpass",))
    agents = [p for a in _children(verb, ("agent",)) for p in a.children if p.dep_ == "pobj"]
    if passive and not agents:  # "was shot ... in an assassination attempt by Josef Bachmann"
        agents = [p for prep in _children(verb, ("prep",)) for n in prep.children if n.dep_ == "pobj"
                  for by in n.children if by.lower_ == "by" for p in by.children if p.dep_ == "pobj"]
    objects = _children(verb, ("dobj",)) or _children(head, ("dobj",))
    assoc: list[Role] = []
    if prep_object:
        pobj = [p for prep in head.subtree if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"]
        actor1 = next((r for r in (actor_of(p, mentions, memory) for p in pobj) if r), None)
    # the subject next to the verb first (a misparse can give two); "a group which killed": the group
    subjects = [_antecedent(t) for t in sorted(subjects, key=lambda t: (t.i > verb.i, abs(verb.i - t.i)))]
    doers = agents or subjects
    if sub_event_type in _SELF:  # "ETA was founded by students": the group that changed acts, its founders do not
        doers, agents, passive = passive or subjects, [], []
    against = _target(verb, mentions, memory, sub_event_type)
    if actor1 is None and doers:
        actor1 = actor_of(doers[0], mentions, memory)
        for other in doers[0].conjuncts:
            role = actor_of(other, mentions, memory)
            if role and (actor1 is None or role.name != actor1.name):
                # "Israel and Hamas clashed", "X and Y signed a treaty": two sides; "X and Y attacked Z" and
                # "X and Y clashed with Z": X with Y
                if actor1 is None:
                    actor1 = role
                elif sub_event_type in _SYMMETRIC and actor2 is None and against is None \
                        and (sub_event_type == "Agreement" or not objects):
                    actor2 = role
                else:
                    assoc.append(role)
    if actor1 is None and agents and subjects:
        actor1 = actor_of(subjects[0], mentions, memory)
    if sub_event_type == "Agreement":
        actor1, actor2 = _parties(verb, head, mentions, memory, actor1, actor2)
        if actor1 is None:
            actor1, actor2 = _named_sides(passive or objects, actor2)
    if actor2 is None:  # "declared war on Russia", "launched an offensive against X", "clashed with X"
        actor2 = against
    if passive:
        victim = passive[0]
        if actor2 is None:
            actor2 = actor_of(victim, mentions, memory)
    if objects and actor2 is None and not prep_object:
        victim = victim or objects[0]
        actor2 = actor_of(objects[0], mentions, memory)
    if victim is None and not objects and sub_event_type in _SHOOTING:
        victim = _fired_at(verb, head)  # "opened fire on tourists", "fired into a crowd"
    assoc += _associated(sent, mentions)
    if actor1 is None:  # "hit by Iraqi shelling", "Israeli airstrikes killed ...": whose the attack was
        actor1 = demonym_of_event(head)
    actor1, actor2 = _fallback(sent, head, mentions, actor1, actor2, assoc, sub_event_type)
    civilian = _civilian(victim, actor2)
    if civilian and actor2 is None:
        actor2 = Role("Civilians", victim.idx, victim.idx + len(victim))
    if actor2 is None and sub_event_type not in ("Change to group/activity", "Other", "Agreement"):
        actor2 = (victim_class(victim) if victim is not None else None) or killed_class(sent)
    if actor2 is None and victim is not None and victim.lower_ in _PERSONAL and sub_event_type in _ON_PEOPLE:
        actor2, civilian = Role("Civilians", victim.idx, victim.idx + len(victim)), True  # "he was kidnapped"
    person = victim is not None and (victim.ent_type_ == "PERSON" or
                                     (actor2 is not None and actor2.name != (actor1.name if actor1 else None)
                                      and victim.pos_ == "PROPN" and not any(m.kind == "place" and m.start <= victim.idx < m.end for m in mentions)))
    assoc_names = tuple(dict.fromkeys(r for r in assoc if not actor1 or r.name != actor1.name))
    return Roles(actor1, actor2, assoc_names, civilian, person)


_BLAME = frozenset({"blame", "accuse"})


def _blamed(head: Token, mentions: list[Mention], memory: Role | None) -> Role | None:
    """ "the government blamed remnants of the Shining Path for a guerrilla attack": who is blamed did it."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in _BLAME:
        return None
    blamed = next((c for c in prep.head.children if c.dep_ == "dobj"), None)
    return actor_of(blamed, mentions, memory) if blamed is not None else None


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for: "the UVF, a group which killed" -> "group"."""
    if token.lower_ in ("which", "who", "that") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _parties(verb: Token, head: Token, mentions, memory, actor1, actor2):
    """The sides of an agreement: "signed between X and Y", "signed an accord with X"."""
    # the preposition hangs on the verb, the trigger or the thing signed ("signed an accord with X")
    signers = {t.i: t for t in (verb, head, *(c for c in verb.children if c.dep_ == "dobj"))}
    for prep in (c for t in signers.values() for c in t.children if c.dep_ == "prep"):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if prep.lower_ == "between" and actor1 is None:
            sides = [r for r in (actor_of(t, mentions, memory) for t in (pobj, *pobj.conjuncts)) if r]
            actor1 = sides[0] if sides else None
            actor2 = sides[1] if len(sides) > 1 else actor2
        elif prep.lower_ == "with" and actor2 is None:
            actor2 = actor_of(pobj, mentions, memory)
    return actor1, actor2


def _named_sides(nouns: list[Token], actor2: Role | None) -> tuple[Role | None, Role | None]:
    """ "an Egyptian–Israeli disengagement agreement": the states a compound demonym names are the parties."""
    sides = []
    for noun in nouns:
        for t in noun.subtree:
            if t.text in demonyms() and t.i < noun.i:
                name = state_actor(t.text, "government") or state_actor(t.text)
                if name and all(r.name != name for r in sides):
                    sides.append(Role(name, t.idx, t.idx + len(t)))
    if len(sides) >= 2:
        return sides[0], actor2 or sides[1]
    return None, actor2


_SHOOTING = frozenset({"Armed clash", "Attack"})
# "took Limerick from Anti-Treaty IRA forces": whom the territory was taken from (ACLED 2023, Battles)
_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _fired_at(verb: Token, head: Token) -> Token | None:
    """What a shooting was aimed at: the object of "on", "at", "upon" or "into" after the verb or its "fire"."""
    for word in (verb, *(c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "fire"), head):
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ in ("on", "at", "upon", "into")):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                return pobj
    return None


def _target(verb: Token, mentions, memory, sub_event_type: str = "") -> Role | None:
    """ "declared war on Russia", "launched a series of airstrikes against Egyptian airfields"; for a
    battle, also "clashed with X" (ACLED 2023, Armed clash: the other side of the fighting)."""
    preps = ("on", "against", "upon", "with") if sub_event_type == "Armed clash" else \
        ("on", "against", "upon", "from") if sub_event_type in _TERRITORY else ("on", "against", "upon")
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    heads += [p for h in heads[1:] for of in h.children if of.dep_ == "prep" and of.lower_ == "of"
              for p in of.children if p.dep_ == "pobj"]
    for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and not pobj.ent_type_ == "DATE":
            role = actor_of(pobj, mentions, memory)
            if role is not None:
                return role
    return None


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
        else:
            actor1 = _doer_word(sent, head)
    if actor2 is None and sub_event_type not in ("Change to group/activity", "Other"):
        rest = sorted(in_sent, key=lambda m: (m.start < head.idx, abs(m.start - head.idx)))
        if rest:
            actor2 = Role(rest[0].canonical, rest[0].start, rest[0].end)
    return actor1, actor2


def _doer_word(sent, head: Token) -> Role | None:
    """With no subject parsed ("An assailant shot and killed ..." read as a noun phrase): the first word
    before the trigger, in its clause, that names an armed actor ("assailant", "gunmen")."""
    for tok in sent:
        if tok.i >= head.i:
            return None
        if tok.pos_ == "VERB" and tok.i != head.i and tok.head.i != head.i:
            return None  # another clause's verb comes first
        if tok.lower_ in ACTOR_HEADS and tok.lower_ not in ("government", "groups", "members", "units", "unit"):
            return Role(tok.text, tok.idx, tok.idx + len(tok))
    return None


def _civilian(victim: Token | None, actor2: Role | None) -> bool:
    """Whether the target is civilians: a listed civilian actor, or people described as unarmed.

    Only the target's own words count: its heads (with their conjuncts and appositions), their
    modifiers and what they are "of": "Buback, his driver, and his bodyguard" are civilians, and so is
    "Rohwedder, leader of the government Treuhand organization"; "13 government soldiers" and
    "the Shining Path's leader" are not."""
    if actor2 is not None:
        actor = actor_table().actors.get(actor2.name)
        if actor is not None:
            return actor.kind == "civilians"
        if actor2.name.startswith("Civilians"):
            return True
    if victim is None:
        return False
    heads = [victim, *victim.conjuncts]
    heads += [c for h in heads for c in h.children if c.dep_ == "appos"]
    words = [t for h in heads for t in core_words(h)]
    words += [p for h in heads for prep in h.children if prep.dep_ == "prep" and prep.lower_ == "of"
              for p in prep.children if p.dep_ == "pobj"]
    if any(t.lower_ in ACTOR_HEADS or t.lemma_.lower() in ACTOR_HEADS or t.lower_ in _ARMED_PEOPLE
           or t.ent_type_ == "ACTOR" for t in words):
        return False
    return any(t.ent_type_ == "PERSON" or t.lower_ in CIVILIAN_HEADS or t.lemma_.lower() in CIVILIAN_HEADS
               or titled(t) for t in words)


_ARMED_PEOPLE = frozenset("officer officers policeman policemen guard guards soldier".split())
