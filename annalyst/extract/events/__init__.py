"""Events from prose and event reports, as ACLED codes them, with every field cited.

    >>> [e.sub_event_type for e in events_from_text("On 8 March 2016, the Peshmerga retook Tal Afar from ISIL.")]
    ['Government regains territory']
"""
from .control import territory_control
from .extract import Report, events_from_text, extract_events, extract_many, text_report
from .fatalities import count_fatalities
from annalyst.model import ACLED_FIELDS, Event

__all__ = ["Event", "ACLED_FIELDS", "Report", "extract_events", "extract_many", "events_from_text", "text_report",
           "territory_control", "count_fatalities"]
