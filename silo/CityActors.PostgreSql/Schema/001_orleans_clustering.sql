-- Cluster membership for Orleans' AdoNet clustering provider (invariant "Npgsql").
--
-- The provider keeps no SQL of its own: at start it runs "SELECT QueryKey, QueryText FROM OrleansQuery" and from
-- then on executes the stored text for each query key, binding parameters by name (@DeploymentId, @Address, ...)
-- and reading result columns by name. Every query below therefore names its output columns exactly as the
-- provider reads them. Times arrive as UTC DateTimes, which Npgsql sends as timestamptz.
--
-- Concurrency: the whole table of one deployment is guarded by the version row. A silo reads the table with its
-- version, then writes a row change together with "the version I read". The change is applied, and the version
-- bumped, only if the version row still holds that number; two silos racing from the same read therefore see
-- exactly one success. Writers lock the version row first (for no key update), so a writer that had to wait
-- re-checks the version against the committed row and finds it moved on.

-- Unquoted, the provider's "OrleansQuery" folds to this name; its reader matches QueryKey/QueryText ignoring case.
create table orleansquery (
    querykey  text primary key,
    querytext text not null
);

-- One row per deployment (Orleans' ClusterId). version is the table version every membership change bumps.
create table orleans_membership_version (
    deployment_id text primary key,
    version       int not null default 0,
    changed_at    timestamptz not null default now()
);

-- One row per silo incarnation: address, port and generation (the silo's start stamp) identify it.
-- status holds Orleans' SiloStatus number (3 Active, 6 Dead). suspect_times holds the death votes as Orleans
-- writes them: "silo-address,yyyy-MM-dd HH:mm:ss.fff GMT" entries separated by "|".
create table orleans_membership (
    deployment_id   text not null references orleans_membership_version (deployment_id) on delete cascade,
    address         text not null,
    port            int not null,
    generation      int not null,
    silo_name       text not null,
    host_name       text not null,
    status          int not null,
    proxy_port      int not null,
    suspect_times   text null,
    start_time      timestamptz not null,
    i_am_alive_time timestamptz not null,
    primary key (deployment_id, address, port, generation)
);

insert into orleansquery (querykey, querytext) values

-- Creates the version row of a deployment if missing. Returns one boolean: whether this call created it.
('InsertMembershipVersionKey', $sql$
with created as (
    insert into orleans_membership_version (deployment_id)
    values (@DeploymentId)
    on conflict (deployment_id) do nothing
    returning deployment_id
)
select count(*) > 0 as "Created" from created
$sql$),

-- All silos of a deployment with the table version, read in one snapshot. Always returns at least the version
-- row: a deployment without silos yields one row whose silo columns (StartTime first) are null.
('MembershipReadAllKey', $sql$
select v.version         as "Version",
       m.address         as "Address",
       m.port            as "Port",
       m.generation      as "Generation",
       m.silo_name       as "SiloName",
       m.host_name       as "HostName",
       m.status          as "Status",
       m.proxy_port      as "ProxyPort",
       m.suspect_times   as "SuspectTimes",
       m.start_time      as "StartTime",
       m.i_am_alive_time as "IAmAliveTime"
from orleans_membership_version v
left join orleans_membership m on m.deployment_id = v.deployment_id
where v.deployment_id = @DeploymentId
$sql$),

-- One silo with the table version; the silo columns are null when the silo has no row.
('MembershipReadRowKey', $sql$
select v.version         as "Version",
       m.address         as "Address",
       m.port            as "Port",
       m.generation      as "Generation",
       m.silo_name       as "SiloName",
       m.host_name       as "HostName",
       m.status          as "Status",
       m.proxy_port      as "ProxyPort",
       m.suspect_times   as "SuspectTimes",
       m.start_time      as "StartTime",
       m.i_am_alive_time as "IAmAliveTime"
from orleans_membership_version v
left join orleans_membership m
       on m.deployment_id = v.deployment_id
      and m.address = @Address
      and m.port = @Port
      and m.generation = @Generation
where v.deployment_id = @DeploymentId
$sql$),

-- Adds a silo's row if the table is still at @Version and the silo has no row yet; bumps the version then.
-- Returns one boolean: whether the row was added. A lost race or an existing row changes nothing.
('InsertMembershipKey', $sql$
with current_version as (
    select deployment_id
    from orleans_membership_version
    where deployment_id = @DeploymentId and version = @Version
    for no key update
), added as (
    insert into orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    select deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    from current_version
    on conflict (deployment_id, address, port, generation) do nothing
    returning deployment_id
), bumped as (
    update orleans_membership_version v
    set version = v.version + 1, changed_at = now()
    from added
    where v.deployment_id = added.deployment_id
    returning v.version
)
select count(*) > 0 as "Succeeded" from bumped
$sql$),

-- Replaces a silo's status, death votes and I-am-alive time if the table is still at @Version; bumps the version
-- then. Returns one boolean: whether the row was changed. A lost race or a missing row changes nothing.
('UpdateMembershipKey', $sql$
with current_version as (
    select deployment_id
    from orleans_membership_version
    where deployment_id = @DeploymentId and version = @Version
    for no key update
), changed as (
    update orleans_membership m
    set status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    from current_version
    where m.deployment_id = current_version.deployment_id
      and m.address = @Address
      and m.port = @Port
      and m.generation = @Generation
    returning m.deployment_id
), bumped as (
    update orleans_membership_version v
    set version = v.version + 1, changed_at = now()
    from changed
    where v.deployment_id = changed.deployment_id
    returning v.version
)
select count(*) > 0 as "Succeeded" from bumped
$sql$),

-- A silo's heartbeat. Deliberately outside the version protocol: it neither checks nor bumps the table version.
('UpdateIAmAlivetimeKey', $sql$
update orleans_membership
set i_am_alive_time = @IAmAliveTime
where deployment_id = @DeploymentId
  and address = @Address
  and port = @Port
  and generation = @Generation
$sql$),

-- Removes a deployment entirely (its silo rows go with the version row through the cascading foreign key, which
-- also takes the version row's lock before the silo rows', the same order every writer uses).
('DeleteMembershipTableEntriesKey', $sql$
delete from orleans_membership_version
where deployment_id = @DeploymentId
$sql$),

-- Silos clients may connect to: active ones with a gateway port. @Status is always Active (3).
('GatewaysQueryKey', $sql$
select address    as "Address",
       proxy_port as "ProxyPort",
       generation as "Generation"
from orleans_membership
where deployment_id = @DeploymentId
  and status = @Status
  and proxy_port > 0
$sql$),

-- Forgets dead silos last heard of before @IAmAliveTime. "Last heard of" is the latest of start, I-am-alive and
-- death-vote times, as the runtime measures it when it picks the cut-off, so a silo declared dead recently stays
-- visible however old its last heartbeat is. Only Dead (6) rows go: a slow joiner keeps its row. The version is
-- not bumped; no live silo's view depends on a dead row.
('CleanupDefunctSiloEntriesKey', $sql$
delete from orleans_membership m
where m.deployment_id = @DeploymentId
  and m.status = 6
  and greatest(
        m.start_time,
        m.i_am_alive_time,
        (select max(split_part(vote, ',', 2)::timestamptz)
         from unnest(string_to_array(m.suspect_times, '|')) as vote)
      ) < @IAmAliveTime
$sql$);
