"""Events from prose and event reports: what to read, with what context, batched through spaCy.

The stages, in order: ``reports`` reads a report's conventions (date lead, category, place, coder
remarks) before parsing; ``paragraph`` walks the parsed sentences and finds triggers; ``stages`` reads
each event's roles, type, place and date; ``report_event`` makes a report one event and names its
actors as ACLED does.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import compress, islice
from typing import Iterable, Iterator

from annalyst.errors import AnnalystError
from annalyst.extract.mentions import find_mentions
from annalyst.extract.nlp import PageContext, parse
from annalyst.extract.time import Timex, tag_dates
from annalyst.extract.time.numeric import order_for_country
from annalyst.model import Document, Event, Source, Span

from .page_year import anchored, own_year
from .paragraph import Page, Paragraph, merge_same
from .report_event import one_event
from .reports import NUMERIC_LEADS, ReportFrame, read_frame
from .triggers import may_hold_trigger

__all__ = ["Report", "extract_events", "extract_many", "events_from_text", "text_report"]



@dataclass(frozen=True)
class Report:
    """A text to read events from, and what to read it with: the date it was written (an event report's
    anchor; "news" mode resolves relative dates against it), the page's context, the tagger's mode."""

    doc: Document
    anchor_date: str | None = None
    context: PageContext | None = None
    mode: str = "narrative"
    kind: str = "page"  # "report": an event report, read with its conventions, one event unless it says otherwise


def events_from_text(text: str, anchor_date=None, source_id: str = "text", mode: str | None = None,
                     context: PageContext | None = None) -> list[Event]:
    """Events in a plain text (an event report, a sentence, with the context of its page if it has one);
    "news" mode when an anchor date is given."""
    report = text_report(text, anchor_date, source_id, mode, context)
    return extract_events(report.doc, report.anchor_date, report.context, report.mode, report.kind)


def text_report(text: str, anchor_date=None, source_id: str = "text", mode: str | None = None,
                context: PageContext | None = None) -> Report:
    """A plain text as a Report: "news" mode when an anchor date is given; an event report unless the
    context of a page is given (then it is a sentence of that page)."""
    mode = mode or ("news" if anchor_date else "narrative")
    return Report(Document(Source(id=source_id, title=source_id), text), anchor_date, context, mode,
                  kind="report" if context is None else "page")


def extract_events(doc: Document, anchor_date=None, context: PageContext | None = None,
                   mode: str = "narrative", kind: str = "page") -> list[Event]:
    """The events a document's prose reports; over ``doc.structure.paragraphs`` when the reader found them."""
    result = next(extract_many([Report(doc, anchor_date, context, mode, kind)]))
    if isinstance(result, AnnalystError):
        raise result
    return result


def extract_many(reports: Iterable[Report], batch_size: int = 128) -> Iterator[list[Event] | AnnalystError]:
    """Each report's events, in order, or the error that stopped that report (a bad anchor date).

    The paragraphs of up to ``batch_size`` reports go through spaCy together (``nlp.pipe``): the
    model runs several times faster over a batch than over one short report at a time.
    """
    it = iter(reports)
    while chunk := list(islice(it, batch_size)):
        read = [_read(report) for report in chunk]
        # a page's paragraph that no trigger word can be in reports no event: it is not parsed
        # (a report's paragraph is: its category prefix may name the event, _categorised)
        texts = [list(r.texts()) if not isinstance(r, AnnalystError) else [] for r in read]
        parsed = [[r.frame is not None or may_hold_trigger(text) for text in ts] for r, ts in zip(read, texts)]
        pdocs = parse(text for ts, wanted in zip(texts, parsed) for text in compress(ts, wanted))
        for r, wanted in zip(read, parsed):
            if isinstance(r, AnnalystError):
                yield r
                continue
            events: list[Event] = []
            for span, pdoc in zip(compress(r.spans, wanted), pdocs):
                mentions = find_mentions(pdoc, r.context)
                if r.frame is not None:  # "MUNICH, Sept. 5 (AP) —", "Government regains territory:" name no party
                    mentions = [m for m in mentions if not any(a <= span.start + m.start < b for a, b in r.frame.header())]
                events += Paragraph(r.page, span.start, pdoc, mentions, r.timexes, r.frame).events()
            yield merge_same(events) if r.frame is None else one_event(events, r.frame, r.page.doc)


@dataclass(frozen=True)
class _Read:
    """A report before parsing: its paragraphs, its dates, its page."""

    page: Page
    spans: tuple[Span, ...]
    timexes: list[Timex]
    context: PageContext | None
    frame: ReportFrame | None = None  # an event report's conventions (None for a page)

    def texts(self) -> Iterator[str]:
        """Each paragraph's text for the parser; a report's dateline and category prefix blanked out, so that
        "Government regains territory:" or "MUNICH (AP) —" is no clause of it (offsets are kept)."""
        text = self.page.doc.text
        if self.frame is not None:
            for start, end in self.frame.labels():
                text = text[:start] + " " * (end - start) + text[end:]
        return (text[s.start:s.end] for s in self.spans)


def _prose(doc: Document) -> str:
    """The text with its infobox data lines blanked (offsets kept): an "Information box" dict
    gives no dates to the prose around it."""
    text = doc.text
    for span in doc.structure.data_lines:
        text = text[:span.start] + " " * (span.end - span.start) + text[span.end:]
    return text


def _read(report: Report) -> _Read | AnnalystError:
    doc = report.doc
    frame = read_frame(doc.text, report.anchor_date) if report.kind == "report" else None
    try:
        # a clock time in a dated report ("at 21:16") is on the report's day: the tagger gives it that date;
        # numeric dates are read in the order the report's country writes them, unless the text shows it
        timexes = [t for t in tag_dates(_prose(doc), anchor_date=report.anchor_date, mode=report.mode,
                                        date_order=order_for_country(frame.country if frame else None))
                   if t.earliest and (t.type == "DATE" or t.type == "TIME" and report.anchor_date)]
    except AnnalystError as exc:
        return exc
    spans = doc.structure.paragraphs or (Span(0, len(doc.text)),)
    if report.kind == "page":  # "On 6 September" on a page about 5–6 September 1972 is in 1972
        timexes = anchored(timexes, spans, own_year(doc))
    context = report.context
    if frame is not None:
        if frame.dateline is not None:  # the dateline's date is when the report was filed
            timexes = [t for t in timexes if t.start >= frame.dateline.end]
        if frame.date is not None and frame.date.rule in NUMERIC_LEADS:
            # "12/18/2014:" is the report's own date, read by its rule; it is not also an event's date in the text
            timexes = [t for t in timexes if t.end <= frame.date.start or t.start >= frame.date.end]
        if frame.country:  # an abbreviation several actors share is read as the report's country means it
            context = replace(context or PageContext(), countries=(frame.country, *(context.countries if context else ())))
    return _Read(Page(doc, context), spans, timexes, context, frame)
