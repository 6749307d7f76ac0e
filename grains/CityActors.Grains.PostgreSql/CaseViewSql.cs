namespace CityActors.Grains.PostgreSql;

/// <summary>The statements of <see cref="PostgresCaseViewStore"/> that are too long to read inline.</summary>
internal static class CaseViewSql
{
    /// <summary>Upserts the rows of a batch ($1: a jsonb array of <see cref="CaseViewRow"/>); a row only moves to a newer version.</summary>
    public const string Upsert = """
        insert into case_view as v (case_id, version, status, matter, urgency, district, street, community, grid, longitude, latitude,
            reported_at, reported_ticks, accepted_at, first_dispatched_at, closed_at, warned, overdue, escalation_level, supervised,
            ever_overdue, ever_suspended, dispatched_on_time, returns, reworks, extensions_approved, satisfaction, dispatched_to,
            returned_by, queue_owners, state, view)
        select r.case_id, r.version, r.status, r.matter, r.urgency, r.district, r.street, r.community, r.grid, r.longitude, r.latitude,
            r.reported_at, r.reported_ticks, r.accepted_at, r.first_dispatched_at, r.closed_at, r.warned, r.overdue, r.escalation_level,
            r.supervised, r.ever_overdue, r.ever_suspended, r.dispatched_on_time, r.returns, r.reworks, r.extensions_approved,
            r.satisfaction, r.dispatched_to, r.returned_by, r.queue_owners, r.state, r.view
        from jsonb_to_recordset($1::jsonb) as r(case_id text, version int, status text, matter text, urgency text, district text,
            street text, community text, grid text, longitude double precision, latitude double precision, reported_at timestamptz,
            reported_ticks bigint, accepted_at timestamptz, first_dispatched_at timestamptz, closed_at timestamptz, warned boolean,
            overdue boolean, escalation_level int, supervised boolean, ever_overdue boolean, ever_suspended boolean,
            dispatched_on_time boolean, returns int, reworks int, extensions_approved int, satisfaction int, dispatched_to text[],
            returned_by text[], queue_owners text[], state jsonb, view jsonb)
        on conflict (case_id) do update set
            version = excluded.version, status = excluded.status, matter = excluded.matter, urgency = excluded.urgency,
            district = excluded.district, street = excluded.street, community = excluded.community, grid = excluded.grid,
            longitude = excluded.longitude, latitude = excluded.latitude, reported_at = excluded.reported_at,
            reported_ticks = excluded.reported_ticks, accepted_at = excluded.accepted_at,
            first_dispatched_at = excluded.first_dispatched_at, closed_at = excluded.closed_at, warned = excluded.warned,
            overdue = excluded.overdue, escalation_level = excluded.escalation_level, supervised = excluded.supervised,
            ever_overdue = excluded.ever_overdue, ever_suspended = excluded.ever_suspended,
            dispatched_on_time = excluded.dispatched_on_time, returns = excluded.returns, reworks = excluded.reworks,
            extensions_approved = excluded.extensions_approved, satisfaction = excluded.satisfaction,
            dispatched_to = excluded.dispatched_to, returned_by = excluded.returned_by, queue_owners = excluded.queue_owners,
            state = excluded.state, view = excluded.view
        where v.version < excluded.version
        """;

    /// <summary>
    /// The counts behind <see cref="Domain.Cases.CaseKpis"/>, in its constructor's order, for cases reported in
    /// [$1, $2) (UTC ticks) within department $3 and org unit $4 (either null: no restriction; a code without a dot is
    /// the whole city), by the same rules as <see cref="Domain.Cases.CaseKpis.Compute"/>.
    /// </summary>
    public const string Kpis = """
        select count(*),
            count(*) filter (where accepted_at is not null),
            count(*) filter (where accepted_at is not null and first_dispatched_at is not null),
            count(*) filter (where accepted_at is not null and status = 'Closed'),
            count(*) filter (where accepted_at is not null and status = 'Closed' and not ever_overdue and not ever_suspended),
            count(*) filter (where accepted_at is not null and (status = 'Closed' or ever_overdue)),
            count(*) filter (where accepted_at is not null and (status = 'Closed' or ever_overdue) and ever_suspended),
            count(*) filter (where accepted_at is not null and (status = 'Closed' or reworks > 0)),
            count(*) filter (where accepted_at is not null and reworks > 0),
            count(*) filter (where accepted_at is not null and first_dispatched_at is not null
                and (case when $3::text is null then returns > 0 else returned_by @> array[$3::text] end)),
            count(*) filter (where accepted_at is not null and first_dispatched_at is not null and extensions_approved > 0),
            count(*) filter (where accepted_at is not null and first_dispatched_at is not null and dispatched_on_time),
            count(*) filter (where accepted_at is not null and satisfaction is not null),
            coalesce(sum(extract(epoch from closed_at - accepted_at) / 3600.0) filter (where accepted_at is not null and status = 'Closed'), 0)::double precision,
            coalesce(sum(satisfaction) filter (where accepted_at is not null), 0)::int
        from case_view
        where reported_ticks >= $1 and reported_ticks < $2
          and ($3::text is null or dispatched_to @> array[$3::text])
          and ($4::text is null or strpos($4::text, '.') = 0 or district = $4 or street = $4 or community = $4 or grid = $4)
        """;
}
