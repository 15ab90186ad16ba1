"""What a sentence's syntax says about a trigger: whether it reports an event that happened, and
whether a place is where it happened. Predicates over spaCy tokens, used by the event stages."""
from __future__ import annotations

import re

from spacy.tokens import Doc as SpacyDoc

from annalyst.extract.nlp import Mention

from .triggers import TriggerHit, event_type_of, irrealis_lemmas, natural_causes
from .where import mention_root, names_agreement

__all__ = ["locative", "is_reason", "anaphoric", "descriptive", "earlier", "irrealis", "habitual", "attacker_noun"]

_LOC_PREPS = frozenset("in at near on outside into across around inside off within over of from towards".split())
_EVENT_NAME = re.compile(r"^(the )?(fall|battle|siege|liberation|capture|sack|massacre|raid) of\b", re.I)
_EVENT_NOUNS = frozenset("fall battle siege liberation capture sack massacre recapture occupation".split())
_ON_PERSONS = frozenset({"Abduction/forced disappearance", "Arrests", "Sexual violence"})
_ATTACKS = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def locative(pdoc: SpacyDoc, m: Mention, hit: TriggerHit) -> bool:
    """Whether a place names where the event happened: after a locative preposition, or the target of an attack."""
    if _EVENT_NAME.match(m.text):
        return False
    tok = mention_root(pdoc, m)
    if tok is not None and names_agreement(tok) and hit.trigger.sub_event_type == "Agreement":
        return True
    for _ in range(4):
        if tok is None or tok.dep_ not in ("compound", "appos", "conj", "amod", "nmod", "poss", "npadvmod"):
            break
        tok = tok.head
    if tok is None:
        return True
    clause = _clause(tok)
    introduced = {c.lower_ for c in clause.children}
    if clause.dep_ == "relcl" and clause.i != _clause(pdoc[hit.token]).i and "where" not in introduced \
            and not (clause.head.ent_type_ == "DATE" and "when" in introduced):
        return False  # "..., when a Russian fleet attacked ... at Sinop" and "the camp where they were held in X" do count
    if clause.dep_ == "acl" and clause.tag_ == "VBG" and _doer(clause.head):
        return False  # "founded by professionals working in the Persian Gulf States": where the doers work;
        # but "the USS Liberty, a vessel sailing off Arish" was attacked there
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _EVENT_NOUNS:
        named = tok.head.head
        return named.dep_ == "pobj" and named.head.lower_ == "at"  # "at the Battle of Nezib"; not "the Fall of Mosul"
    subject = tok.dep_ in ("dobj", "nsubj", "nsubjpass") or _stray_passive_subject(pdoc, hit.token) == tok.i
    if tok.dep_ == "pobj" and not subject:
        return tok.head.lower_ in _LOC_PREPS
    if subject:
        if hit.trigger.sub_event_type in _ON_PERSONS:
            return False  # "Ovalle and Sanchez were kidnapped": people are kidnapped, not places
        return event_type_of(hit.trigger.sub_event_type) in _ATTACKS or hit.trigger.control
    return True


# What a report names as the reason for or topic of its event is not the event it reports:
# "arrested two men over the killing", "marched in protest at the kidnappings", "to protest the shooting".
_REASON_PREPS = frozenset("over after following since before until".split())
# "arrested for the bombing", "sentenced for the killing"; but "blamed X for an attack" is the attack's report
_LEGAL_VERBS = frozenset("arrest detain charge convict sentence jail imprison try indict prosecute punish "
                         "extradite execute hang acquit indictment conviction trial verdict charge sentence "
                         "guilty inquiry investigation".split())
_TOPIC_PREPS = frozenset("at against about over".split())
_TOPIC_HEADS = frozenset("protest anger outrage condemnation demonstration rally march vigil strike".split())
_TOPIC_VERBS = frozenset("protest condemn denounce mourn commemorate investigate probe deny blame".split())


def is_reason(tok) -> bool:
    """Whether a trigger word names the reason for or the topic of another event."""
    while tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i:  # "the rocket attacks"
        tok = tok.head
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in _REASON_PREPS and prep.head.pos_ in ("VERB", "NOUN") or \
                prep.lower_ == "for" and prep.head.lemma_.lower() in _LEGAL_VERBS:
            return True
        return prep.lower_ in _TOPIC_PREPS and prep.head.lemma_.lower() in _TOPIC_HEADS
    return tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _TOPIC_VERBS


def _stray_passive_subject(pdoc: SpacyDoc, trigger: int) -> int | None:
    """The word just before a passive trigger's auxiliary when the parse gave the verb no subject:
    in "By April Mosul was liberated" the small model reads "April Mosul" as one name under "By"."""
    verb = pdoc[trigger]
    if verb.pos_ != "VERB" or any(c.dep_ in ("nsubjpass", "nsubj") for c in verb.children):
        return None
    aux = next((c for c in verb.children if c.dep_ == "auxpass" and c.i < verb.i), None)
    if aux is None or aux.i == 0 or pdoc[aux.i - 1].pos_ != "PROPN":
        return None
    return aux.i - 1


def _doer(noun) -> bool:
    """Whether a noun is who acts: a subject, or the object of an agent "by"."""
    return noun.dep_ == "nsubj" or noun.dep_ == "pobj" and noun.head.dep_ == "agent"


def anaphoric(tok) -> bool:
    """ "The protest was peaceful", "the attack": a noun that refers back to the event just reported."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def descriptive(tok) -> bool:
    """A bare participle describing a noun ("a car park occupied by the British", "protesting students"):
    a state or a kind, not the event reported."""
    if tok.tag_ == "VBG" and tok.dep_ == "amod":
        return True
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def earlier(tok) -> bool:
    """ "two weeks after the bombing of ... in Frankfurt, the group set off a car bomb": an event named
    to date another one, not the one reported."""
    return tok.dep_ == "pobj" and tok.head.lower_ in ("after", "before", "since", "following", "until")


def _clause(tok):
    """The verb heading the clause a token sits in (relative and adverbial clauses are their own)."""
    for _ in range(12):
        if tok.dep_ in ("relcl", "ccomp", "acl", "ROOT") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def attacker_noun(head) -> str | None:
    """The head noun of who attacks: the subject of the trigger's verb, or the agent of a passive."""
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child.lemma_.lower()
        if child.dep_ == "agent":
            return next((g.lemma_.lower() for g in child.children if g.dep_ == "pobj"), None)
    return None


def irrealis(token) -> bool:
    """A trigger under "planned to", "threatening to", "could be planning attacks", or negated ("has not
    fought"), or done by nature ("an earthquake killed"): not an event that happened (TimeML 1.2.1 §EVENT
    modality and polarity; ACLED 2023, ACLED Events)."""
    if any(c.dep_ == "neg" or c.lower_ in _UNINTENDED for c in token.children) or attacker_noun(token) in natural_causes():
        return True
    t = token
    for _ in range(3):
        if t.dep_ in ("xcomp", "ccomp", "dobj") and t.head.lemma_.lower() in irrealis_lemmas():
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


# "accidentally shot a friend while hunting": harm no one intended is no political violence (ACLED 2023, ACLED Events)
_UNINTENDED = frozenset({"accidentally", "inadvertently", "unintentionally", "accidently"})


def habitual(pdoc: SpacyDoc, hits: list[TriggerHit]) -> bool:
    """A dateless sentence in the present or present perfect tells what usually happens, not an event."""
    for hit in hits:
        verb = pdoc[hit.token]
        while verb.pos_ != "VERB" and verb.head.i != verb.i:
            verb = verb.head
        auxes = {a.lower_ for v in (verb, verb.head if verb.dep_ == "conj" else verb) for a in v.children if a.dep_ in ("aux", "auxpass")}
        if auxes & {"has", "have", "will", "would", "can", "may", "could"} or verb.tag_ in ("VBP", "VBZ", "VB"):
            continue
        if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and auxes & {"was", "were", "had"}):
            return False
    return True
