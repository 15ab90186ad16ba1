"""Temporal tagging: dates as historians write them, normalised to TIMEX3 and EDTF.

    >>> from annalyst.extract.time import tag_dates
    >>> [t.value for t in tag_dates("In late 2014 ... On the 8th March 2016 ... By the 9th")]
    ['2014', '2016-03-08', '2016-03-09']

:func:`tag_dates` gives one :class:`Timex` per expression, in text order:
character offsets into the text as given, the TimeML type (DATE, TIME,
DURATION, SET), the TIMEX3 value and mod, and for dates an EDTF form with the
earliest and latest day it can mean and its precision.

- *narrative* mode (the default) resolves partial and relative expressions
  against the last date the text gave ("By the 9th" after "8th March 2016");
  ``anchor_date`` is only the fallback before the first one.
- *news* mode resolves them against ``anchor_date``, the document's date (or the
  date a report opens with, "12/18/2014:"), choosing past or future from the
  tense of the sentence, and follows TempEval-3's news conventions (anchor.py,
  data/time/tense.yaml, references.yaml).

Numeric dates take their field order from the document, a written convention or
the caller's ``date_order`` (numeric.py); an ambiguous one keeps both days in
``alternatives``, as an Old Style date keeps its Julian day there. Years are
astronomical in EDTF and the day bounds ("-0043" is 44 BC); sort them with
``when.date_key``, never as strings.

Conventions beyond TIMEX3: the two ends of a range ("1999-2018", "from 1985 to
2000") are two expressions, as in TimeML, and both carry the range's EDTF
interval ("1999/2018") and its earliest and latest days. A winter takes the
year in which it ends: "1915-WI" is December 1914 to February 1915.

Knowledge lives in ``annalyst/data/time/*.yaml``; see lexicon.py.
"""
from .tagger import MODES, TemporalArgumentError, Timex, tag_dates

__all__ = ["MODES", "TemporalArgumentError", "Timex", "tag_dates"]
