-- Durable one-shot deadlines (CityActors.Deadlines, PostgresDeadlineTable): one row per pending deadline of a grain,
-- written in group-committed batches by the silos' deadline services and deleted by the deadline shard that delivered
-- it, only while its due instant is still the one delivered (a deadline moved meanwhile stays).
--
-- shard is a stable hash of the grain id modulo the cluster's fixed shard count, computed by the silo. A shard grain
-- reads its rows due before the end of its look-ahead window, overdue ones included, through (shard, due).
-- Instants are kept to the microsecond, as timestamptz holds them; silos cut due instants to that before writing.
create table deadline (
    grain_type text not null,
    grain_key  text not null,
    name       text not null,
    shard      int not null check (shard >= 0),
    due        timestamptz not null,
    primary key (grain_type, grain_key, name)
);

create index deadline_shard_due on deadline (shard, due);
