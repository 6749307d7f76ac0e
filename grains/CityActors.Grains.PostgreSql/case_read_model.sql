-- The case read model. Created if missing when a clustered silo starts; every statement is idempotent.
create table if not exists case_projection (
    name     text primary key,
    feed_tx  bigint not null,
    feed_seq bigint not null
);
insert into case_projection (name, feed_tx, feed_seq) values ('cases', 0, 0) on conflict do nothing;
-- The projector that runs batches (one at a time across the cluster) and until when, in database time.
alter table case_projection add column if not exists leader text;
alter table case_projection add column if not exists lease_until timestamptz;

create table if not exists case_view (
    case_id              text collate "C" primary key,   -- byte order, as the in-memory store sorts ids (ordinal)
    version              int not null,
    status               text not null,
    matter               text not null,
    urgency              text not null,
    district             text not null,
    street               text not null,
    community            text not null,
    grid                 text,
    longitude            double precision,
    latitude             double precision,
    reported_at          timestamptz not null,
    reported_ticks       bigint not null,   -- reported_at in .NET UTC ticks: lists sort and page on it at full precision
    accepted_at          timestamptz,
    first_dispatched_at  timestamptz,
    closed_at            timestamptz,
    warned               boolean not null,
    overdue              boolean not null,
    escalation_level     int not null,
    supervised           boolean not null,
    ever_overdue         boolean not null,
    ever_suspended       boolean not null,
    dispatched_on_time   boolean,
    returns              int not null,
    reworks              int not null,
    extensions_approved  int not null,
    satisfaction         int,
    dispatched_to        text[] not null,
    returned_by          text[] not null,
    queue_owners         text[] not null,   -- 'centre:<unit>' / 'department:<code>' of every queue the case is in
    state                jsonb not null,    -- the case state folded from its journal (the projection's input)
    view                 jsonb not null     -- the case view served to callers
);
create index if not exists case_view_recent on case_view (reported_ticks desc, case_id);
create index if not exists case_view_street on case_view (street, reported_ticks desc);
create index if not exists case_view_district on case_view (district, reported_ticks desc);
-- A community's or grid cell's open cases, read when its vital signs are activated (a whole city's after a restart):
-- with these the unit filter's four alternatives are each an index scan instead of a walk over every open case.
create index if not exists case_view_community on case_view (community);
create index if not exists case_view_grid on case_view (grid);
create index if not exists case_view_status on case_view (status);
create index if not exists case_view_dispatched_to on case_view using gin (dispatched_to);
create index if not exists case_view_queue_owners on case_view using gin (queue_owners);
create index if not exists case_view_point on case_view (longitude, latitude) where longitude is not null;
-- Closed cases of a matter, latest closure first: the candidates for "how were cases like this resolved".
create index if not exists case_view_closed_matter on case_view (matter, closed_at desc, case_id) where status = 'Closed';
-- The two documents of a case are a few kilobytes, past the size where PostgreSQL compresses them on every write of
-- the row; lz4 does that several times faster than the default pglz. Values written before keep their compression
-- until rewritten. A server built without lz4 keeps pglz. Altered only while not yet lz4, so a silo joining a running
-- cluster takes no table lock here.
do $$
begin
    if exists (select 1 from pg_attribute
               where attrelid = 'case_view'::regclass and attname in ('state', 'view') and attcompression <> 'l') then
        alter table case_view alter column state set compression lz4, alter column view set compression lz4;
    end if;
exception when feature_not_supported then
    null;
end
$$;
