"""Cues that change a trigger's sub-event type (a state actor, an unarmed target, a crowd, an aircraft),
and how ACLED codes demonstrators; the cue names and their patterns are in ``data/events/triggers.yaml``."""
from __future__ import annotations

import re
from dataclasses import replace

from annalyst.extract.actors import actor_table
from annalyst.extract.mentions import named_like_armed_group

from .clauses import attacker_noun
from .national import generic_rule
from .phrases import is_state
from .roles import Roles
from .triggers import cue_pattern, event_type_of, instruments

__all__ = ["cued", "crowd_roles", "armed", "armed_group", "political", "unnamed"]

def cued(trig, roles, text: str, head=None, report: bool = False) -> tuple[str, str | None]:
    """The sub-event type the trigger's cues give, and the named text cue that decided it (if one did)."""
    cues = trig.cues
    attacker = attacker_noun(head) if head is not None else None
    for cue in ("by_aircraft", "by_artillery"):
        if cue in cues and attacker in instruments(cue):  # "Egyptian warplanes bombed", "an Iraqi Scud missile struck"
            return cues[cue], cue
    for cue in ("without_fighting", "protest_target", "protest_violence", "protest_dispersed", "protest_violent"):
        if cue in cues and cue_pattern(cue).search(text):
            return cues[cue], cue
    if "by_crowd" in cues and roles.actor1 is not None and _CROWD.search(roles.actor1.name):
        return cues["by_crowd"], "by_crowd"  # violence by demonstrators is a riot (ACLED 2023, Riots)
    if "victim_armed" in cues and roles.actor2 is not None and armed(roles.actor2.name):
        return cues["victim_armed"], "victim_armed"  # "beat a soldier": ACLED's fighting between armed groups
    if report and "victim_civilian" in cues and roles.actor2 is not None and not armed(roles.actor2.name) \
            and not roles.victim_civilian:
        # ACLED: a battle needs armed, organised groups on both sides; a report's unarmed target is attacked
        return cues["victim_civilian"], "victim_unarmed"
    return _role_cued(trig, roles), None


_ARMED_WORDS = re.compile(r"\b(?:forces?|troops|soldiers?|army|military|police|policem[ae]n|officers?|guards?|militants|"
                          r"fighters|rebels|guerrill?as|gunm[ae]n|militias?|brigades?|units?|patrols?|convoy|"
                          r"garrison|armed|navy|fleet|squadron|regiment|battalion|division|marines|troopers?)\b", re.I)


def political(name: str) -> bool:
    """A listed conflict actor (an armed group, a state, a party) or one named like an armed group."""
    return name in actor_table().actors or armed(name)


def armed(name: str) -> bool:
    """Whether an actor is armed and organised: a state's forces, an armed group, or named like one."""
    actor = actor_table().actors.get(name)
    if actor is not None:
        return actor.kind not in ("civilians", "protesters", "government", "political party")
    return is_state(name) or armed_group(name) or bool(_ARMED_WORDS.search(name))


_NON_STATE_ARMED = frozenset({"rebel group", "political militia", "identity militia"})


def armed_group(name: str) -> bool:
    actor = actor_table().actors.get(name)
    return actor.kind in _NON_STATE_ARMED if actor is not None else named_like_armed_group(name)


_CROWD = re.compile(r"\b(?:protesters|protestors|demonstrators|marchers|rioters|crowds?|mobs?|youths|residents|"
                    r"supporters|students|activists|workers|villagers)$", re.I)
_DEMONSTRATIONS = frozenset({"Protests", "Riots"})


def crowd_roles(roles: Roles, sub: str, trig) -> Roles:
    """ACLED codes demonstrators as "Protesters (Country)" / "Rioters (Country)", the group they side
    with as an associated actor, and whoever acts on them as actor2 (Codebook 2023, Protests, Riots)."""
    actor1 = roles.actor1
    if event_type_of(sub) not in _DEMONSTRATIONS or actor1 is None:
        return roles
    if _CROWD.search(actor1.name):
        return replace(roles, actor1=None)  # the country's protesters or rioters (the default actor)
    if event_type_of(trig.sub_event_type) in _DEMONSTRATIONS and not is_state(actor1.name):
        # "Fatah supporters held protests", "Hamas supporters raided the offices": the crowd's side
        return replace(roles, actor1=None, assoc_actor_1=(actor1, *roles.assoc_actor_1))
    # "police fired tear gas at protesters", "gunmen fired into a rally": who acts on the crowd
    return replace(roles, actor1=None, actor2=actor1)


def unnamed(name: str) -> bool:
    """ "gunmen", "an assailant", "Unidentified Armed Group": a perpetrator the sentence does not name."""
    rule = generic_rule(name)
    return name.startswith("Unidentified") or rule is not None and rule.name == "generic-unidentified"


def _role_cued(trig, roles) -> str:
    cues, sub = trig.cues, trig.sub_event_type
    actor1 = roles.actor1.name if roles.actor1 else None
    state = is_state(actor1)
    if "person_object" in cues and roles.person_object:
        # with no one named, the narrative's "X was captured" is an arrest by the state
        return cues["person_object"]["state" if actor1 is None or state else "non_state"]
    if "actor1_state" in cues and state:
        return cues["actor1_state"]
    if "actor1_non_state" in cues and actor1 and not state:
        return cues["actor1_non_state"]
    if "victim_civilian" in cues and roles.victim_civilian:
        return cues["victim_civilian"]
    return sub
