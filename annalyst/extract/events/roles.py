"""Who did what to whom: actor1, actor2 and associated actors around a trigger, from the parse."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan, Token

from annalyst.extract.actors import actor_table, canonical_actor, demonyms
from annalyst.extract.nlp import Mention

from .record import Role
from .words import civilian_nouns
from .victims import (NOT_NAMED, PERSON_VERBS, RANKS, described_person, killed_class, named_victim, person_name,
                      person_role, pronoun_person, titled, victim_class)
from .where import is_country

__all__ = ["Role", "Roles", "assign_roles", "victim_class", "killed_class", "is_state", "state_country", "STATE_KINDS", "ACTOR_HEADS",
           "CIVILIAN_HEADS"]

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
_ASSOC = re.compile(r"\b(backed by|supported by|with the support of|in cooperation with|along with|joined by|"
                    r"alongside|together with|acting in cooperation with)\b", re.I)
_PRONOUNS = frozenset({"they", "he", "she", "it", "we"})
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


def _core(token: Token) -> list[Token]:
    """The words of a noun phrase without its clauses, prepositional phrases and appositions."""
    out = [token]
    for child in token.children:
        if child.dep_ not in _OUTSIDE:
            out += _core(child)
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
    name = _state_actor(token.text)
    return Role(name, token.idx, token.idx + len(token)) if name else None


def _demonym_of_event(head: Token) -> Role | None:
    """The state a demonym puts before the event noun itself: "Iraqi shelling", "Israeli airstrikes"."""
    if head.pos_ not in ("NOUN", "VERB") or head.tag_ not in ("NN", "NNS", "VBG"):
        return None
    return _demonym_among(_modifiers(head))


def _modifiers(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i]


def _demonym_among(tokens: list[Token]) -> Role | None:
    """The state forces of the first demonym among these words that the actor table knows."""
    for t in tokens:
        name = _state_actor(t.text) if t.text in demonyms() else None
        if name is not None:
            return Role(name, t.idx, t.idx + len(t))
    return None


@lru_cache(maxsize=1024)
def _state_actor(demonym: str, body: str = "forces") -> str | None:
    """The actor a demonym's forces or government are ("Indian", "forces"), from the actor table (cached)."""
    return canonical_actor(f"{demonym} {body}")


def _actor_of(token: Token, mentions: list[Mention], memory: Role | None) -> Role | None:
    """The actor a noun phrase names: a gazetteer mention inside it, a pronoun's antecedent, or its own words."""
    if token.lower_ in _PRONOUNS:
        if token.lower_ in ("he", "she"):
            # a person the sentence named; never the group the page or the last sentence is about
            return pronoun_person(token) or (None if _is_group(memory) else memory)
        if token.dep_ in ("nsubjpass", "dobj") and token.head.lemma_.lower() in _TAKEN and _is_group(memory):
            return None  # "the hostages ... when they were kidnapped": the hostages, not the group
        return memory
    if token.lower_ == "group" and any(c.lower_ == "the" for c in token.children) and \
            not any(m.kind == "actor" and any(m.start <= t.idx < m.end for t in _core(token)) for m in mentions):
        return memory  # "the group", but not "the Real IRA splinter group"
    if token.dep_ == "nsubj" or token.dep_ == "pobj" and token.head.dep_ == "agent":
        # "Lehi gunmen Eliahu Bet-Zouri and Eliahu Hakim assassinated ...": ACLED codes the doers' group
        group = next((m for m in mentions if m.kind == "actor" and any(m.start <= t.idx < m.end for t in _core(token))
                      and getattr(actor_table().actors.get(m.canonical), "kind", "") in _ARMED_KINDS), None)
        if group is not None:
            return Role(group.canonical, group.start, group.end)
    victim = named_victim(token) or described_person(token)
    if victim is not None:
        return victim
    subtree = list(token.subtree)
    lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    inside = [m for m in mentions if lo <= m.start < hi and m.kind == "actor"]
    core = _core(token)
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
            name = demonym is not None and _state_actor(demonym.text)
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


def _is_group(role: Role | None) -> bool:
    """Whether a remembered actor is an organisation (a listed actor, or named by its forces)."""
    if role is None:
        return False
    return role.name in actor_table().actors or any(w.lower() in ACTOR_HEADS for w in role.name.split())


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
        actor1 = next((r for r in (_actor_of(p, mentions, memory) for p in pobj) if r), None)
    # the subject next to the verb first (a misparse can give two); "a group which killed": the group
    subjects = [_antecedent(t) for t in sorted(subjects, key=lambda t: (t.i > verb.i, abs(verb.i - t.i)))]
    doers = agents or subjects
    if sub_event_type in _SELF:  # "ETA was founded by students": the group that changed acts, its founders do not
        doers, agents, passive = passive or subjects, [], []
    against = _target(verb, mentions, memory, sub_event_type)
    if actor1 is None and doers:
        actor1 = _actor_of(doers[0], mentions, memory)
        for other in doers[0].conjuncts:
            role = _actor_of(other, mentions, memory)
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
        actor1 = _actor_of(subjects[0], mentions, memory)
    if sub_event_type == "Agreement":
        actor1, actor2 = _parties(verb, head, mentions, memory, actor1, actor2)
        if actor1 is None:
            actor1, actor2 = _named_sides(passive or objects, actor2)
    if actor2 is None:  # "declared war on Russia", "launched an offensive against X", "clashed with X"
        actor2 = against
    if passive:
        victim = passive[0]
        if actor2 is None:
            actor2 = _actor_of(victim, mentions, memory)
    if objects and actor2 is None and not prep_object:
        victim = victim or objects[0]
        actor2 = _actor_of(objects[0], mentions, memory)
    if victim is None and not objects and sub_event_type in _SHOOTING:
        victim = _fired_at(verb, head)  # "opened fire on tourists", "fired into a crowd"
    assoc += _associated(sent, mentions)
    if actor1 is None:  # "hit by Iraqi shelling", "Israeli airstrikes killed ...": whose the attack was
        actor1 = _demonym_of_event(head)
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
    return _actor_of(blamed, mentions, memory) if blamed is not None else None


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
            sides = [r for r in (_actor_of(t, mentions, memory) for t in (pobj, *pobj.conjuncts)) if r]
            actor1 = sides[0] if sides else None
            actor2 = sides[1] if len(sides) > 1 else actor2
        elif prep.lower_ == "with" and actor2 is None:
            actor2 = _actor_of(pobj, mentions, memory)
    return actor1, actor2


def _named_sides(nouns: list[Token], actor2: Role | None) -> tuple[Role | None, Role | None]:
    """ "an Egyptian–Israeli disengagement agreement": the states a compound demonym names are the parties."""
    sides = []
    for noun in nouns:
        for t in noun.subtree:
            if t.text in demonyms() and t.i < noun.i:
                name = _state_actor(t.text, "government") or _state_actor(t.text)
                if name and all(r.name != name for r in sides):
                    sides.append(Role(name, t.idx, t.idx + len(t)))
    if len(sides) >= 2:
        return sides[0], actor2 or sides[1]
    return None, actor2


_SHOOTING = frozenset({"Armed clash", "Attack"})


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
    preps = ("on", "against", "upon", "with") if sub_event_type == "Armed clash" else ("on", "against", "upon")
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    heads += [p for h in heads[1:] for of in h.children if of.dep_ == "prep" and of.lower_ == "of"
              for p in of.children if p.dep_ == "pobj"]
    for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and not pobj.ent_type_ == "DATE":
            role = _actor_of(pobj, mentions, memory)
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
    if actor2 is None and sub_event_type not in ("Change to group/activity", "Other"):
        rest = sorted(in_sent, key=lambda m: (m.start < head.idx, abs(m.start - head.idx)))
        if rest:
            actor2 = Role(rest[0].canonical, rest[0].start, rest[0].end)
    return actor1, actor2


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
    words = [t for h in heads for t in _core(h)]
    words += [p for h in heads for prep in h.children if prep.dep_ == "prep" and prep.lower_ == "of"
              for p in prep.children if p.dep_ == "pobj"]
    if any(t.lower_ in ACTOR_HEADS or t.lemma_.lower() in ACTOR_HEADS or t.lower_ in _ARMED_PEOPLE
           or t.ent_type_ == "ACTOR" for t in words):
        return False
    return any(t.ent_type_ == "PERSON" or t.lower_ in CIVILIAN_HEADS or t.lemma_.lower() in CIVILIAN_HEADS
               or titled(t) for t in words)


_ARMED_PEOPLE = frozenset("officer officers policeman policemen guard guards soldier".split())
