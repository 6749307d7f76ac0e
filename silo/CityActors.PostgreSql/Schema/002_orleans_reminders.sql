-- Reminders for Orleans' AdoNet reminder provider (invariant "Npgsql"), read through the query rows below the
-- same way as the clustering queries of 001: parameters bound by name, result columns read by name.
--
-- Rows are keyed by Orleans' ServiceId, so they survive a redeployment under a new ClusterId. grain_hash is the
-- grain's uniform hash as a signed int; the reminder service asks for the reminders of its hash range.

-- ETags come from this sequence rather than a per-row counter, so a reminder deleted and registered again never
-- gets back an ETag an old holder could still present. The provider parses ETags as int, hence the int range;
-- cycling after two billion writes is harmless because only equality with a live row's ETag matters.
create sequence orleans_reminder_etag as int minvalue 1 cycle;

create table orleans_reminder (
    service_id    text not null,
    grain_id      text not null,
    reminder_name text not null,
    grain_hash    int not null,
    start_time    timestamptz not null,
    period_ms     bigint not null,
    etag          int not null,
    primary key (service_id, grain_id, reminder_name)
);

-- The reminder service loads whole hash ranges of a service.
create index orleans_reminder_range on orleans_reminder (service_id, grain_hash);

insert into orleansquery (querykey, querytext) values

-- Registers or replaces a reminder; returns its new ETag as "Version".
('UpsertReminderRowKey', $sql$
insert into orleans_reminder (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, etag)
values (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, nextval('orleans_reminder_etag'))
on conflict (service_id, grain_id, reminder_name) do update
set grain_hash = excluded.grain_hash,
    start_time = excluded.start_time,
    period_ms  = excluded.period_ms,
    etag       = excluded.etag
returning etag as "Version"
$sql$),

-- Every reminder of one grain.
('ReadReminderRowsKey', $sql$
select grain_id      as "GrainId",
       reminder_name as "ReminderName",
       start_time    as "StartTime",
       period_ms     as "Period",
       etag          as "Version"
from orleans_reminder
where service_id = @ServiceId
  and grain_id = @GrainId
$sql$),

-- One reminder of one grain, or no row.
('ReadReminderRowKey', $sql$
select grain_id      as "GrainId",
       reminder_name as "ReminderName",
       start_time    as "StartTime",
       period_ms     as "Period",
       etag          as "Version"
from orleans_reminder
where service_id = @ServiceId
  and grain_id = @GrainId
  and reminder_name = @ReminderName
$sql$),

-- Reminders in the hash range (@BeginHash, @EndHash] when it does not wrap (the provider picks this query when
-- begin < end as signed ints).
('ReadRangeRows1Key', $sql$
select grain_id      as "GrainId",
       reminder_name as "ReminderName",
       start_time    as "StartTime",
       period_ms     as "Period",
       etag          as "Version"
from orleans_reminder
where service_id = @ServiceId
  and grain_hash > @BeginHash
  and grain_hash <= @EndHash
$sql$),

-- Reminders in a range that wraps past the top of the ring: above @BeginHash or up to @EndHash. With begin = end
-- this is the whole ring.
('ReadRangeRows2Key', $sql$
select grain_id      as "GrainId",
       reminder_name as "ReminderName",
       start_time    as "StartTime",
       period_ms     as "Period",
       etag          as "Version"
from orleans_reminder
where service_id = @ServiceId
  and (grain_hash > @BeginHash or grain_hash <= @EndHash)
$sql$),

-- Deletes a reminder if it still has the ETag @Version; returns one boolean: whether it did.
('DeleteReminderRowKey', $sql$
with deleted as (
    delete from orleans_reminder
    where service_id = @ServiceId
      and grain_id = @GrainId
      and reminder_name = @ReminderName
      and etag = @Version
    returning 1
)
select count(*) > 0 as "Deleted" from deleted
$sql$),

-- Deletes every reminder of a service.
('DeleteReminderRowsKey', $sql$
delete from orleans_reminder
where service_id = @ServiceId
$sql$);
