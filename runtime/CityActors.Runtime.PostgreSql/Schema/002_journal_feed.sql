-- The journal feed: every journal row gets the id of the transaction that wrote it and a sequence number. Readers
-- consume rows in (feed_tx, feed_seq) order and only below the oldest transaction still running, so a row that commits
-- later can never sort before one already read.
alter table grain_journal add column feed_tx xid8 not null default pg_current_xact_id();
alter table grain_journal add column feed_seq bigint generated always as identity;
create index grain_journal_feed on grain_journal (grain_type, feed_tx, feed_seq);
