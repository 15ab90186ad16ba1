"""Which actor a noun phrase names: a gazetteer mention inside it, a pronoun's antecedent, a demonym's
state, a named person, or the phrase's own words ("Shining Path militants", "soldiers"); and whether an
actor is a state's."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from annalyst.extract.actors import actor_table, canonical_actor, demonyms
from annalyst.extract.nlp import Mention

from .record import Role
from .victims import (NOT_NAMED, PERSON_VERBS, RANKS, described_person, named_victim, person_name, person_role,
                      pronoun_person, titled)
from .where import is_country
from .words import civilian_nouns

__all__ = ["actor_of", "core_words", "state_actor", "demonym_of_event", "is_group", "is_state", "state_country", "STATE_KINDS",
           "ACTOR_HEADS", "CIVILIAN_HEADS"]

STATE_KINDS = frozenset({"state forces", "government"})
# Nouns that name an armed or political actor when no gazetteer name covers them.
ACTOR_HEADS = frozenset("forces troops army police military government militants fighters rebels guerrillas groups "
                        "coalition alliance "
                        "gunmen insurgents soldiers navy fleet squadron unit units members protesters rioters "
                        "snipers guerilla brigade brigades division militia militias gunman assailant assailants "
                        "attacker attackers perpetrator perpetrators militiamen".split())
CIVILIAN_HEADS = civilian_nouns()
_STATE_WORDS = re.compile(r"\b(police|army|troops|military|forces of|government|navy|air force|guard|security forces|"
                          r"national police|gendarmerie|authorities)\b", re.I)
_PRONOUNS = frozenset({"they", "he", "she", "it", "we"})


def is_state(name: str | None) -> bool:
    """Whether an actor is a state's forces or government."""
    if not name:
        return False
    actor = actor_table().actors.get(name)
    if actor is not None:
        return actor.kind in STATE_KINDS
    return bool(_STATE_WORDS.search(name))


def state_country(name: str) -> str | None:
    """The one country a listed state actor acts for ("Government of Peru" -> PE); None for others."""
    actor = actor_table().actors.get(name)
    if actor is None or actor.kind not in STATE_KINDS or len(actor.countries) != 1:
        return None
    return actor.countries[0]


def _covering(token: Token, mentions: list[Mention]) -> Mention | None:
    for m in mentions:
        if m.start <= token.idx < m.end:
            return m
    return None


_OUTSIDE = frozenset({"acl", "relcl", "prep", "appos", "punct", "cc", "conj", "advcl"})


def core_words(token: Token) -> list[Token]:
    """The words of a noun phrase without its clauses, prepositional phrases and appositions."""
    out = [token]
    for child in token.children:
        if child.dep_ not in _OUTSIDE:
            out += core_words(child)
    return out


# Things only a state's forces have or are: "an Indian post", "a Russian fleet"; "Israeli settlers" are not.
_MILITARY_THINGS = frozenset("post outpost base camp force forces fleet ship warship vessel aircraft jet plane fighter "
                             "bomber helicopter drone position positions patrol convoy garrison fortress fort "
                             "troops soldier soldiers army navy unit units battalion regiment division tank tanks "
                             "shelling fire airstrike airstrikes bombardment artillery missile missiles rocket rockets airfield airfields".split())
# Entity types a weapon's model name ("Su-24M") cannot have; the NER often calls it a PRODUCT.
_NOT_MODEL = NOT_NAMED - {"PRODUCT"}


def _demonym_forces(token: Token) -> Role | None:
    """ "an Indian post", "a Russian Su-24M", "an Ottoman force": a state's forces, named by the demonym."""
    model = token.pos_ == "PROPN" and token.ent_type_ not in _NOT_MODEL  # "a Russian Su-24M"
    if token.ent_type_ == "PERSON" or not (token.lemma_.lower() in _MILITARY_THINGS or model):
        return None
    # the demonym modifies the thing, or the model name before it ("a Russian Sukhoi Su-24M attack aircraft")
    modifiers = _modifiers(token)
    return _demonym_among(modifiers + [g for c in modifiers if c.dep_ == "compound" for g in _modifiers(c)])


def _demonym_noun(token: Token) -> Role | None:
    """ "The British and French declared war": a demonym standing alone for its state's forces."""
    if token.text not in demonyms() or token.ent_type_ != "NORP" or \
            token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
        return None
    name = state_actor(token.text)
    return Role(name, token.idx, token.idx + len(token)) if name else None


def demonym_of_event(head: Token) -> Role | None:
    """The state a demonym puts before the event noun itself: "Iraqi shelling", "Israeli airstrikes"."""
    if head.pos_ not in ("NOUN", "VERB") or head.tag_ not in ("NN", "NNS", "VBG"):
        return None
    return _demonym_among(_modifiers(head))


def _modifiers(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i]


def _demonym_among(tokens: list[Token]) -> Role | None:
    """The state forces of the first demonym among these words that the actor table knows."""
    for t in tokens:
        name = state_actor(t.text) if t.text in demonyms() else None
        if name is not None:
            return Role(name, t.idx, t.idx + len(t))
    return None


@lru_cache(maxsize=1024)
def state_actor(demonym: str, body: str = "forces") -> str | None:
    """The actor a demonym's forces or government are ("Indian", "forces"), from the actor table (cached)."""
    return canonical_actor(f"{demonym} {body}")


def actor_of(token: Token, mentions: list[Mention], memory: Role | None) -> Role | None:
    """The actor a noun phrase names: a gazetteer mention inside it, a pronoun's antecedent, or its own words."""
    if token.lower_ in _PRONOUNS:
        if token.lower_ in ("he", "she"):
            # a person the sentence named; never the group the page or the last sentence is about
            return pronoun_person(token) or (None if is_group(memory) else memory)
        if token.dep_ in ("nsubjpass", "dobj") and token.head.lemma_.lower() in _TAKEN and is_group(memory):
            return None  # "the hostages ... when they were kidnapped": the hostages, not the group
        return memory
    if token.lower_ == "group" and any(c.lower_ == "the" for c in token.children) and \
            not any(m.kind == "actor" and any(m.start <= t.idx < m.end for t in core_words(token)) for m in mentions):
        return memory  # "the group", but not "the Real IRA splinter group"
    if token.dep_ == "nsubj" or token.dep_ == "pobj" and token.head.dep_ == "agent":
        # "Lehi gunmen Eliahu Bet-Zouri and Eliahu Hakim assassinated ...": ACLED codes the doers' group
        group = next((m for m in mentions if m.kind == "actor" and any(m.start <= t.idx < m.end for t in core_words(token))
                      and getattr(actor_table().actors.get(m.canonical), "kind", "") in _ARMED_KINDS), None)
        if group is not None:
            return Role(group.canonical, group.start, group.end)
    victim = named_victim(token) or described_person(token)
    if victim is not None:
        return victim
    subtree = list(token.subtree)
    lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    inside = [m for m in mentions if lo <= m.start < hi and m.kind == "actor"]
    core = core_words(token)
    # "SDF forces, backed by coalition airstrikes": the phrase's own words, not its clauses, name the actor
    inside = [m for m in inside if any(m.start <= t.idx < m.end for t in core)] or inside
    for other in (c for c in token.children if c.dep_ == "conj"):  # "Israel and Hamas": each names itself
        inside = [m for m in inside if not other.left_edge.idx <= m.start <= other.right_edge.idx]
    own = [m for m in inside if m.start <= token.idx < m.end]
    if own or inside:
        # with several names and none on the head, the one next to the verb is the phrase's head
        m = own[0] if own else (inside[-1] if token.head.idx > token.idx else inside[0])
        return Role(m.canonical, m.start, m.end)
    state = _demonym_forces(token) or _demonym_noun(token)
    if state is not None:
        return state
    place = _covering(token, mentions)
    if place is not None and token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj", "conj") and token.ent_type_ == "GPE" \
            and is_country(place):  # a country acts as its state; a town or region is where the event was
        return Role(place.canonical, place.start, place.end)
    person = next((t for t in core if t.ent_type_ == "PERSON"), None)  # "the sympathizer Josef Bachmann"
    if person is not None and not any(t.lower_ in RANKS for t in core):
        return person_role(person)
    by = token.dep_ == "pobj" and token.head.dep_ == "agent"
    on_person = token.head.lemma_.lower() in PERSON_VERBS or titled(token)  # "Ovalle ... were kidnapped"
    if token.pos_ == "PROPN" and (place is None or on_person) and (token.dep_ in ("dobj", "nsubjpass") or by):
        named = person_name(token)
        if named is not None:
            return named
    if token.lower_ in ACTOR_HEADS or token.lemma_.lower() in ACTOR_HEADS:
        words = [t for t in subtree if t.i <= token.i and t.dep_ not in ("det", "nummod", "quantmod", "advmod", "prep", "punct")
                 and not t.like_num and t.lower_ not in ("about", "some", "all")]
        if len(words) == 1 and token.lower_ in _BARE:
            # "forces under Ottoman General Omar Pasha": whose forces, if the phrase says; "members" alone is no one
            demonym = next((t for t in subtree if t.text in demonyms()), None)
            name = demonym is not None and state_actor(demonym.text)
            if name:
                return Role(name, demonym.idx, demonym.idx + len(demonym))
            # "soldiers" alone: a state's forces, which state the report says (see events.national)
            return Role(token.text, token.idx, token.idx + len(token)) if token.lower_ in _STATE_BARE else None
        if words:
            name = " ".join(t.text for t in words)
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            return Role(canonical_actor(name) or name, start, end)
    return None


_ARMED_KINDS = frozenset({"rebel group", "political militia", "identity militia", "state forces"})
_BARE = frozenset("forces troops soldiers members units unit fighters".split())
_STATE_BARE = frozenset("troops soldiers".split())
_TAKEN = frozenset({"kidnap", "abduct", "hijack"})


def is_group(role: Role | None) -> bool:
    """Whether a remembered actor is an organisation (a listed actor, or named by its forces)."""
    if role is None:
        return False
    return role.name in actor_table().actors or any(w.lower() in ACTOR_HEADS for w in role.name.split())
