-- Event journals (PostgresEventJournal): one row per event, versions 1, 2, 3... without gaps per journal. An append
-- checks the journal's head version in its statement, and the primary key turns two racing appends at the same version
-- into a conflict instead of a fork.
--
-- The feed: every row records the id of the transaction that wrote it (feed_tx) and a sequence (feed_seq). Readers
-- take rows in (feed_tx, feed_seq) order and only below the oldest transaction still running
-- (pg_snapshot_xmin(pg_current_snapshot())). A transaction that commits later always has an id at or above that
-- bound, so a row can never appear before a position a reader has already passed.
create table grain_journal (
    grain_type  text not null,
    grain_key   text not null,
    version     bigint not null check (version > 0),
    recorded_at timestamptz not null,
    event_type  text not null,
    payload     jsonb not null,
    feed_tx     xid8 not null default pg_current_xact_id(),
    feed_seq    bigint generated always as identity,
    primary key (grain_type, grain_key, version)
);
create index grain_journal_feed on grain_journal (grain_type, feed_tx, feed_seq);

-- The latest snapshot per journal: the serialized state as of version. It only moves forward.
create table grain_snapshot (
    grain_type text not null,
    grain_key  text not null,
    version    bigint not null check (version >= 0),
    state      bytea not null,
    written_at timestamptz not null default now(),
    primary key (grain_type, grain_key)
);

-- Wakes feed readers: one notification per grain type per appending statement, delivered when it commits. The payload
-- is the grain type; readers listen on this channel instead of polling.
create function grain_journal_notify_feed() returns trigger language plpgsql as $$
begin
    perform pg_notify('cityactors_journal_feed', appended.grain_type)
    from (select distinct grain_type from appended_rows) as appended;
    return null;
end
$$;

create trigger grain_journal_feed_notify
    after insert on grain_journal
    referencing new table as appended_rows
    for each statement execute function grain_journal_notify_feed();
