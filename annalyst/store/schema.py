"""The store's schema as numbered migrations. ``PRAGMA user_version`` records the last one run.

The tables are meant to be read by a person in the sqlite3 shell or Datasette:
plain names, foreign keys, one row per value.
"""
from __future__ import annotations

import sqlite3


def _m1_profiles(db: sqlite3.Connection) -> None:
    db.executescript("""
    CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        url TEXT,
        licence TEXT,
        licence_start INTEGER,
        licence_end INTEGER,
        licence_text TEXT,
        retrieved TEXT,
        content_hash TEXT NOT NULL,
        pipeline_version TEXT NOT NULL
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL UNIQUE REFERENCES sources(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        structure TEXT NOT NULL  -- JSON: title, infobox rows, paragraphs, ... as offsets
    );
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL
    );
    CREATE TABLE aliases (
        id INTEGER PRIMARY KEY,
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        lang TEXT,
        script TEXT
    );
    CREATE TABLE facts (
        id INTEGER PRIMARY KEY,
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        value TEXT NOT NULL,        -- JSON
        qualifiers TEXT NOT NULL,   -- JSON list
        object_id TEXT REFERENCES entities(id) ON DELETE SET NULL
    );
    CREATE TABLE media (
        id INTEGER PRIMARY KEY,
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        file TEXT NOT NULL,
        file_start INTEGER NOT NULL,
        file_end INTEGER NOT NULL,
        caption TEXT,
        caption_start INTEGER,
        caption_end INTEGER
    );
    CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        extractor TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        entity_id TEXT REFERENCES entities(id) ON DELETE CASCADE,
        fact_id INTEGER REFERENCES facts(id) ON DELETE CASCADE,
        alias_id INTEGER REFERENCES aliases(id) ON DELETE CASCADE,
        CHECK ((entity_id IS NOT NULL) + (fact_id IS NOT NULL) + (alias_id IS NOT NULL) = 1)
    );
    CREATE INDEX facts_entity ON facts(entity_id, field);
    CREATE INDEX aliases_name ON aliases(name COLLATE NOCASE);
    CREATE INDEX evidence_fact ON evidence(fact_id);
    CREATE INDEX evidence_alias ON evidence(alias_id);
    CREATE INDEX evidence_entity ON evidence(entity_id);
    """)


def _m2_events(db: sqlite3.Connection) -> None:
    db.executescript("""
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        event_date TEXT,
        timex TEXT,
        time_precision INTEGER,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        actor1 TEXT,
        assoc_actor_1 TEXT,
        actor2 TEXT,
        assoc_actor_2 TEXT,
        country TEXT,
        admin1 TEXT,
        location TEXT,
        latitude REAL,
        longitude REAL,
        geo_precision INTEGER,
        fatalities TEXT,          -- JSON: a number, {"low", "high"}, or null
        notes TEXT NOT NULL,
        confidence REAL NOT NULL,
        evidence TEXT NOT NULL    -- JSON: {field: [{start, end, text}]}
    );
    CREATE INDEX events_date ON events(event_date);
    CREATE TABLE territory_control (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        place TEXT NOT NULL,
        holder TEXT NOT NULL,
        "from" TEXT,
        until TEXT,
        evidence TEXT NOT NULL    -- JSON list of {start, end, text}
    );
    """)


def _m3_world(db: sqlite3.Connection) -> None:
    db.executescript("""
    -- Derived: every name the sources give an entity, across pages, and the rule that tied it
    -- (annalyst.resolve.world recomputes it after each ingest and each override).
    CREATE TABLE world_names (
        id INTEGER PRIMARY KEY,
        entity_id TEXT NOT NULL,   -- a stored entity's id, or an entity only mentions make ("actor:peshmerga")
        entity_name TEXT NOT NULL,
        entity_kind TEXT NOT NULL,
        name TEXT NOT NULL,        -- as written
        rule TEXT NOT NULL,        -- a rule of annalyst/data/resolve.yaml
        source_id TEXT REFERENCES sources(id) ON DELETE CASCADE,
        start INTEGER,
        "end" INTEGER,
        text TEXT,
        member_id TEXT             -- the stored entity the name came with (a page's subject, a mention)
    );
    CREATE INDEX world_names_name ON world_names(name COLLATE NOCASE);
    CREATE INDEX world_names_entity ON world_names(entity_id);
    -- An analyst's decisions: kept apart from every source, so that re-ingest never loses them.
    CREATE TABLE overrides (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        note TEXT,
        created TEXT NOT NULL DEFAULT (datetime('now'))
    );
    """)


def _m4_contradictions(db: sqlite3.Connection) -> None:
    db.executescript("""
    -- Derived: the contradiction report as of the last ingest or override (annalyst.resolve.contradictions
    -- recomputes it), so that a profile can list each source's value without recomputing the world.
    CREATE TABLE contradictions (
        id INTEGER PRIMARY KEY,
        entity_id TEXT NOT NULL,
        entity TEXT NOT NULL,
        field TEXT NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        claims TEXT NOT NULL        -- JSON: both claims, each with its source and citations
    );
    CREATE INDEX contradictions_entity ON contradictions(entity_id);
    """)


def _m5_markup(db: sqlite3.Connection) -> None:
    db.executescript("""
    -- A page read from markup (wikitext, HTML): the markup as read, and where each stretch of the
    -- stored text came from in it (JSON: [[start, end, markup_start, markup_end], ...]).
    ALTER TABLE documents ADD COLUMN markup TEXT;
    ALTER TABLE documents ADD COLUMN origin TEXT;
    -- A page read from a MediaWiki dump: its page id, the revision kept and when it was saved.
    ALTER TABLE sources ADD COLUMN page_id INTEGER;
    ALTER TABLE sources ADD COLUMN revision_id INTEGER;
    ALTER TABLE sources ADD COLUMN timestamp TEXT;
    -- A dump's redirect pages: each title is another name of the page it points to (Wikipedia:Redirect).
    CREATE TABLE redirects (
        id TEXT PRIMARY KEY,      -- the redirect page's address
        title TEXT NOT NULL,
        target TEXT NOT NULL,     -- the title of the page it points to
        page_id INTEGER
    );
    CREATE INDEX redirects_target ON redirects(target);
    """)


def _m6_exports(db: sqlite3.Connection) -> None:
    db.executescript("""
    -- The actor the actor table says each world name stands for ("ISIS" -> "Islamic State"), so that
    -- reading an entity's names needs no actor table (annalyst.resolve.world fills it).
    ALTER TABLE world_names ADD COLUMN canonical TEXT;
    -- Derived: stored events that tell one event (annalyst.resolve.coreference recomputes it after each
    -- ingest and override). Each telling names its group's lead, the most precise telling; an event
    -- told by one source alone has no row.
    CREATE TABLE event_groups (
        event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        lead_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE
    );
    CREATE INDEX event_groups_lead ON event_groups(lead_id);
    """)


def _m7_search(db: sqlite3.Connection) -> None:
    db.executescript("""
    -- Derived: full-text search over entities (every name the sources give them), events and sources
    -- (annalyst.store.search rebuilds it after each ingest and override).
    CREATE VIRTUAL TABLE search USING fts5(kind, key UNINDEXED, label, text,
                                           tokenize = 'unicode61 remove_diacritics 2');
    """)


def _m8_reviews(db: sqlite3.Connection) -> None:
    db.executescript("""
    -- An analyst's review of a profile value (annalyst serve --allow-writes): accepted, rejected, or
    -- corrected. Kept apart from every source and keyed by the value, not by a fact's row, so that a
    -- re-ingest, which replaces a source's facts, keeps the decision.
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        entity_id TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,          -- JSON: the value as the profile shows it, without its evidence
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'correct')),
        correction TEXT,              -- JSON: the value that replaces it
        note TEXT,
        who TEXT NOT NULL,
        created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX reviews_entity ON reviews(entity_id, field);
    -- Every write made through the server: who, when, what, and the state before and after (JSON).
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        who TEXT NOT NULL,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        before TEXT,
        after TEXT
    );
    """)


MIGRATIONS = [_m1_profiles, _m2_events, _m3_world, _m4_contradictions, _m5_markup, _m6_exports, _m7_search,
              _m8_reviews]


def migrate(db: sqlite3.Connection) -> int:
    """Run the migrations this database has not had yet; return its schema version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        with db:
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
    return len(MIGRATIONS)
