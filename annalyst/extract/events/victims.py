"""Who was targeted: a named person, or the class ACLED codes an unnamed target as ("Police", "Civilians").

    >>> from annalyst.extract.nlp import load_nlp
    >>> doc = load_nlp()("Gunmen killed three police officers.")
    >>> killed_class(doc[:]).name
    'Police'
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from annalyst.extract.actors import actor_table

from .record import Role
from .words import civilian_nouns
from .triggers import country_actor

__all__ = ["victim_class", "killed_class", "military_of", "MILITARY", "named_victim", "described_person", "person_name",
           "person_role", "pronoun_person", "titled", "RANKS", "VIOLENT_VERBS", "PERSON_VERBS", "NOT_NAMED"]


_TITLES = frozenset("TD MP Lord Lady Sir General Gen. Commander Colonel Captain President Minister Judge Comrade "
                    "Senator Governor Mayor King Queen Prince Mr Mrs Ms Dr".split())


NOT_NAMED = frozenset({"ORG", "LAW", "EVENT", "WORK_OF_ART", "FAC", "PRODUCT", "NORP", "GPE", "LOC"})
VIOLENT_VERBS = frozenset("kill murder assassinate execute shoot kidnap abduct wound injure torture behead arrest "
                           "detain capture".split())
RANKS = frozenset("police army soldier corporal sergeant lieutenant captain officer intendant private major".split())
# What is done to people, never to places: "Ovalle and Sanchez were kidnapped" names two people
# even where the model, or a gazetteer's namesake town, says Ovalle is a place.
PERSON_VERBS = frozenset("kidnap abduct assassinate murder execute arrest detain rape torture behead".split())
# Descriptions that an apposition names: "the German consul in San Sebastian, Eugen Beilh".
_DESCRIBED = frozenset("consul governor president minister mayor ambassador judge prosecutor senator "
                       "chairman director leader official politician businessman candidate mediator "
                       "spokesman head king queen".split())


def person_name(token: Token) -> Role | None:
    """A named person as a target ("assassinated TD Seán Hales"): the proper name, without titles."""
    doc = token.doc
    if not token.text[:1].isupper():
        return None
    first = token.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i == token.i:
        first -= 1
    words = doc[first:token.i + 1]
    if any(t.lower_ in RANKS or t.lower_ == "operation" for t in words):
        return None  # "Police Captain X": the police are the target ACLED codes
    titled = words[0].text in _TITLES or first > 0 and doc[first - 1].text in _TITLES
    violent = token.head.lemma_.lower() in VIOLENT_VERBS
    if token.ent_type_ in NOT_NAMED and not (titled or violent and token.ent_type_ in ("ORG", "GPE", "NORP")):
        return None  # "Operation Protective Edge", "the Courts"; but "killed TD Seán Hales" (tagged ORG) is a man
    while first < token.i and doc[first].text in _TITLES:
        first += 1
    return Role(doc[first:token.i + 1].text, doc[first].idx, token.idx + len(token))


_ARMED_KINDS = frozenset({"rebel group", "political militia", "identity militia", "state forces"})


def person_role(token: Token) -> Role | None:
    """The person entity a token is part of, without a citation marker."""
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is None:
        return None
    text = ent.text.split("[")[0].rstrip(" ,.;:")
    return Role(text, ent.start_char, ent.start_char + len(text)) if text else None


def titled(token: Token) -> bool:
    """ "Lord Moyne", "President Santos": a name after a title is a person's, whatever the model tagged it."""
    return any(c.dep_ == "compound" and c.text in _TITLES for c in token.children)


def pronoun_person(token: Token) -> Role | None:
    """ "the body of Luis Francisco Cuéllar ... after he had been kidnapped": the person "he" or "she"
    stands for, the last one the sentence named before it."""
    if token.lower_ not in ("he", "she"):
        return None
    before = [e for e in token.doc.ents if e.label_ == "PERSON" and e.sent == token.sent and e.end <= token.i]
    return person_role(token.doc[before[-1].end - 1]) if before else None


def described_person(token: Token) -> Role | None:
    """The person a description is followed by: "the governor of Antioquia, Guillermo Gaviria Correa",
    "the President of Colombia, Juan Manuel Santos" (however the parser attached the name)."""
    named = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if named is not None and token.pos_ in ("NOUN", "PROPN"):  # "the right-wing sympathizer Josef Bachmann"
        return person_role(named)
    if token.lemma_.lower() not in _DESCRIBED and token.text not in _TITLES:
        return None
    doc, i = token.doc, token.right_edge.i + 1
    # at most a short place or office phrase ("in San Sebastian", "of Antioquia") before the comma
    for j in range(i, min(i + 5, len(doc) - 1)):
        if doc[j].text == ",":
            nxt = doc[j + 1]
            return person_role(nxt) if nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B" else None
        if not (doc[j].pos_ in ("ADP", "PROPN", "DET") or doc[j].ent_type_ in ("GPE", "LOC")):
            return None
    return None


def named_victim(token: Token) -> Role | None:
    """A person targeted by name, with or without a description: "the German consul ..., Eugen Beilh",
    "Ayyash, the leader of the al-Qassam Brigades", "UN mediator Count Folke Bernadotte"."""
    if token.dep_ not in ("dobj", "nsubjpass") or token.head.lemma_.lower() not in VIOLENT_VERBS:
        return None
    if any(t.lower_ in RANKS or t.lower_ in _POLICE_WORDS for t in token.subtree):
        return None  # "Police Captain Edgar Yesid Duarte Valero": ACLED codes the police
    table = actor_table().actors
    doc = token.doc
    for ent in doc.ents:  # a member of an armed group is coded as the group: "Shining Path leader Comrade Alipio"
        if ent.label_ == "ACTOR" and token.left_edge.i <= ent.start < token.right_edge.i + 1 \
                and getattr(table.get(ent.ent_id_), "kind", "") in _ARMED_KINDS:
            return None
    if token.ent_type_ == "PERSON":
        return person_role(token)
    if titled(token):
        return person_name(token)
    return described_person(token)


# Soldiers as targets are their state's military forces (ACLED: "Military Forces of Peru"); which state
# the rest of the event says (see military_of), so the victim is first this placeholder.
MILITARY = "Military forces"
_MILITARY_VICTIMS = frozenset("soldier trooper serviceman servicemen marine paratrooper conscript troop troops".split())
_POLICE_WORDS = frozenset("police policeman policemen policewoman gendarme gendarmes gendarmerie".split())
_CIVILIAN_VICTIMS = civilian_nouns()
_FATAL = frozenset("kill murder assassinate execute slay massacre shoot wound injure".split())


def victim_class(token: Token) -> Role | None:
    """ACLED's actor for an unnamed target: "a police patrol", "police officers" -> Police; "30 people" -> Civilians."""
    words = [t for t in token.subtree if t.i <= token.i]
    span = (words[0].idx, token.idx + len(token)) if words else (token.idx, token.idx + len(token))
    if any(t.lower_ in _POLICE_WORDS for t in words):
        return Role("Police", *span)
    if token.lemma_.lower() in _MILITARY_VICTIMS or token.lower_ in _MILITARY_VICTIMS:
        return Role(MILITARY, *span)
    if token.lemma_.lower() in _CIVILIAN_VICTIMS or token.lower_ in _CIVILIAN_VICTIMS:
        return Role("Civilians", *span)
    return None


def military_of(country: str | None) -> str:
    """The military forces of a country (ISO alpha-2), as the actor table names them; the placeholder without one."""
    return (country and country_actor("Military Forces of {country}", country)) or MILITARY


def killed_class(sent: SpacySpan) -> Role | None:
    """The class of the first victims a killing verb names in a sentence ("killing eight Palestinian civilians")."""
    for tok in sent:
        if tok.lemma_.lower() not in _FATAL or tok.pos_ != "VERB":
            continue
        for victim in (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
            for one in (victim, *victim.conjuncts):
                role = victim_class(one)
                if role is not None:
                    return role
    return None

