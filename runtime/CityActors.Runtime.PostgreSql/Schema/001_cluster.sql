-- Cluster identity, membership, shard leases and fenced grain storage (state, journal, snapshots, reminders).
-- Times are database time: every lease decision uses now() on this server, never a silo's clock.

create table cluster_info (
    id          int primary key check (id = 1),
    shard_count int not null check (shard_count > 0),
    created_at  timestamptz not null default now()
);

create table silo (
    silo_id      uuid primary key,
    name         text not null,
    endpoint     text not null,
    started_at   timestamptz not null default now(),
    heartbeat_at timestamptz not null default now(),
    status       text not null check (status in ('active', 'stopping', 'stopped'))
);

create table shard_lease (
    shard       int primary key,
    silo_id     uuid null references silo (silo_id) on delete set null,
    epoch       bigint not null default 0,
    expires_at  timestamptz not null default '-infinity',
    acquired_at timestamptz null
);
create index shard_lease_silo on shard_lease (silo_id);

create table grain_state (
    grain_type text not null,
    grain_key  text not null,
    state_name text not null,
    shard      int not null,
    version    bigint not null,
    data       jsonb not null,
    written_at timestamptz not null default now(),
    primary key (grain_type, grain_key, state_name)
);

create table grain_journal (
    grain_type  text not null,
    grain_key   text not null,
    version     bigint not null,
    shard       int not null,
    recorded_at timestamptz not null,
    event_type  text not null,
    payload     jsonb not null,
    primary key (grain_type, grain_key, version)
);

create table grain_snapshot (
    grain_type text not null,
    grain_key  text not null,
    shard      int not null,
    version    bigint not null,
    state      jsonb not null,
    primary key (grain_type, grain_key)
);

create table reminder (
    grain_type      text not null,
    grain_key       text not null,
    name            text not null,
    shard           int not null,
    first_tick      timestamptz not null,
    period_us       bigint not null check (period_us >= 0),
    next_due        timestamptz not null,
    version         bigint not null,
    primary key (grain_type, grain_key, name)
);
create index reminder_due on reminder (shard, next_due);
