using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CityActors.Domain.Cases;
using CityActors.Grains.Cases;
using CityActors.GrainInterfaces.Serialization;
using CityActors.Journals;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.Grains.PostgreSql;

/// <summary>
/// The case read model in PostgreSQL (tables in case_read_model.sql, created on first use). A batch is one transaction:
/// the checkpoint moves only from the expected position, and each case row only to a newer version.
/// </summary>
public sealed class PostgresCaseViewStore(NpgsqlDataSource dataSource) : ICaseProjectionStore, ICaseReadModel
{
    // "CA" "RM": serializes schema creation between silos starting together.
    private const long SchemaLockKey = 0x4341_524D;

    private const string UpsertSql = """
        insert into case_view as v (case_id, version, status, matter, district, street, community, grid, longitude, latitude,
            reported_at, accepted_at, first_dispatched_at, closed_at, overdue, ever_overdue, ever_suspended, dispatched_on_time,
            returns, reworks, extensions_approved, satisfaction, dispatched_to, returned_by, queue_owners, state, view)
        select r.case_id, r.version, r.status, r.matter, r.district, r.street, r.community, r.grid, r.longitude, r.latitude,
            r.reported_at, r.accepted_at, r.first_dispatched_at, r.closed_at, r.overdue, r.ever_overdue, r.ever_suspended, r.dispatched_on_time,
            r.returns, r.reworks, r.extensions_approved, r.satisfaction, r.dispatched_to, r.returned_by, r.queue_owners, r.state, r.view
        from jsonb_to_recordset($1::jsonb) as r(case_id text, version int, status text, matter text, district text, street text,
            community text, grid text, longitude double precision, latitude double precision, reported_at timestamptz,
            accepted_at timestamptz, first_dispatched_at timestamptz, closed_at timestamptz, overdue boolean, ever_overdue boolean,
            ever_suspended boolean, dispatched_on_time boolean, returns int, reworks int, extensions_approved int, satisfaction int,
            dispatched_to text[], returned_by text[], queue_owners text[], state jsonb, view jsonb)
        on conflict (case_id) do update set
            version = excluded.version, status = excluded.status, matter = excluded.matter, district = excluded.district,
            street = excluded.street, community = excluded.community, grid = excluded.grid, longitude = excluded.longitude,
            latitude = excluded.latitude, reported_at = excluded.reported_at, accepted_at = excluded.accepted_at,
            first_dispatched_at = excluded.first_dispatched_at, closed_at = excluded.closed_at, overdue = excluded.overdue,
            ever_overdue = excluded.ever_overdue, ever_suspended = excluded.ever_suspended,
            dispatched_on_time = excluded.dispatched_on_time, returns = excluded.returns, reworks = excluded.reworks,
            extensions_approved = excluded.extensions_approved, satisfaction = excluded.satisfaction,
            dispatched_to = excluded.dispatched_to, returned_by = excluded.returned_by, queue_owners = excluded.queue_owners,
            state = excluded.state, view = excluded.view
        where v.version < excluded.version
        """;

    private const string KpiSql = """
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
        where reported_at >= $1 and reported_at < $2
          and ($3::text is null or dispatched_to @> array[$3::text])
          and ($4::text is null or strpos($4::text, '.') = 0 or district = $4 or street = $4 or community = $4 or grid = $4)
        """;

    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private bool _schemaReady;

    public async Task<FeedPosition> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("select feed_tx, feed_seq from case_projection where name = 'cases'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new FeedPosition(reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<bool> TryLeadAsync(string projector, TimeSpan lease, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(
            "update case_projection set leader = $1, lease_until = now() + $2 where name = 'cases' and (leader is null or leader = $1 or lease_until < now())");
        command.Parameters.Add(new NpgsqlParameter { Value = projector });
        command.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlDbType.Interval });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task ReleaseLeadAsync(string projector, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("update case_projection set leader = null, lease_until = null where name = 'cases' and leader = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = projector });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, CaseState>> LoadAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("select case_id, state::text from case_view where case_id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = caseIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var states = new Dictionary<string, CaseState>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            states[reader.GetString(0)] = JsonSerializer.Deserialize<CaseState>(reader.GetString(1), DomainSerialization.Json) ?? throw new InvalidOperationException($"Case {reader.GetString(0)} has a null state in the read model.");
        }

        return states;
    }

    public async Task SaveAsync(IReadOnlyCollection<ProjectedCase> cases, FeedPosition expected, FeedPosition checkpoint, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var rows = JsonSerializer.Serialize(cases.Select(Row.From).ToList(), DomainSerialization.Json);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var move = new NpgsqlCommand(
            "update case_projection set feed_tx = $3, feed_seq = $4 where name = 'cases' and feed_tx = $1 and feed_seq = $2", connection, transaction))
        {
            move.Parameters.Add(new NpgsqlParameter { Value = expected.Transaction });
            move.Parameters.Add(new NpgsqlParameter { Value = expected.Sequence });
            move.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Transaction });
            move.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Sequence });
            if (await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new ProjectionConflictException($"The case projection has moved past {expected}; another projector committed first.");
            }
        }

        await using (var upsert = new NpgsqlCommand(UpsertSql, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = rows, NpgsqlDbType = NpgsqlDbType.Jsonb });
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<CasePage> QueryAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand();
        var where = new List<string>();
        string Parameter(object value, NpgsqlDbType? type = null)
        {
            var parameter = new NpgsqlParameter { Value = value };
            if (type is { } t)
            {
                parameter.NpgsqlDbType = t;
            }

            command.Parameters.Add(parameter);
            return "$" + command.Parameters.Count;
        }

        if (query.OrgUnit is { } unit && unit.Contains('.', StringComparison.Ordinal))
        {
            var p = Parameter(unit);
            where.Add($"(district = {p} or street = {p} or community = {p} or grid = {p})");
        }

        if (query.Department is { } department)
        {
            where.Add($"dispatched_to @> array[{Parameter(department)}::text]");
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            where.Add($"status = any({Parameter(statuses.Select(s => s.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");
        }

        if (query.MatterCode is { } matter)
        {
            where.Add($"matter = {Parameter(matter)}");
        }

        if (query.Overdue is { } overdue)
        {
            where.Add($"overdue = {Parameter(overdue)}");
        }

        if (query.ReportedFrom is { } from)
        {
            where.Add($"reported_at >= {Parameter(from.ToUniversalTime())}");
        }

        if (query.ReportedTo is { } to)
        {
            where.Add($"reported_at < {Parameter(to.ToUniversalTime())}");
        }

        if (query.Box is { } box)
        {
            where.Add($"longitude between {Parameter(box.MinLongitude)} and {Parameter(box.MaxLongitude)} and latitude between {Parameter(box.MinLatitude)} and {Parameter(box.MaxLatitude)}");
        }

        if (query.After is { } after && CaseCursor.TryParse(after, out var cursor))
        {
            var at = Parameter(new DateTimeOffset(cursor.ReportedTicks, TimeSpan.Zero));
            where.Add($"(reported_at < {at} or (reported_at = {at} and case_id > {Parameter(cursor.CaseId)}))");
        }

        command.CommandText = $"select view::text from case_view {(where.Count == 0 ? "" : "where " + string.Join(" and ", where))} order by reported_at desc, case_id limit {query.Limit + 1}";
        var views = await ReadViewsAsync(command, cancellationToken).ConfigureAwait(false);
        var next = views.Count > query.Limit ? CaseCursor.Of(views[query.Limit - 1]).ToString() : null;
        return new CasePage([.. views.Take(query.Limit)], next);
    }

    public async Task<IReadOnlyList<CaseView>> QueuedForAsync(WorkOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("select view::text from case_view where queue_owners @> array[$1::text]");
        command.Parameters.Add(new NpgsqlParameter { Value = Row.OwnerKey(owner) });
        return await ReadViewsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CaseKpis> KpisAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(KpiSql);
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)scope.Department ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)scope.OrgUnit ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        int Count(int i) => (int)reader.GetInt64(i);
        return new CaseKpis(Count(0), Count(1), Count(2), Count(3), Count(4), Count(5), Count(6), Count(7), Count(8), Count(9), Count(10), Count(11), Count(12), reader.GetDouble(13), reader.GetInt32(14));
    }

    private static async Task<List<CaseView>> ReadViewsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var views = new List<CaseView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            views.Add(JsonSerializer.Deserialize<CaseView>(reader.GetString(0), DomainSerialization.Json)
                ?? throw new InvalidOperationException("A stored case view is null."));
        }

        return views;
    }

    /// <summary>Creates the read model's tables if they are missing (idempotent; silos starting together take turns).</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var stream = typeof(PostgresCaseViewStore).Assembly.GetManifestResourceStream("CityActors.Grains.PostgreSql.case_read_model.sql")
                ?? throw new InvalidOperationException("The case read model script is missing from the assembly.");
            var script = await new StreamReader(stream).ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand($"select pg_advisory_xact_lock({SchemaLockKey})", connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var command = new NpgsqlCommand(script, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>One case_view row as jsonb_to_recordset reads it.</summary>
    private sealed record Row(
        [property: JsonPropertyName("case_id")] string CaseId,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("matter")] string Matter,
        [property: JsonPropertyName("district")] string District,
        [property: JsonPropertyName("street")] string Street,
        [property: JsonPropertyName("community")] string Community,
        [property: JsonPropertyName("grid")] string? Grid,
        [property: JsonPropertyName("longitude")] double? Longitude,
        [property: JsonPropertyName("latitude")] double? Latitude,
        [property: JsonPropertyName("reported_at")] DateTimeOffset ReportedAt,
        [property: JsonPropertyName("accepted_at")] DateTimeOffset? AcceptedAt,
        [property: JsonPropertyName("first_dispatched_at")] DateTimeOffset? FirstDispatchedAt,
        [property: JsonPropertyName("closed_at")] DateTimeOffset? ClosedAt,
        [property: JsonPropertyName("overdue")] bool Overdue,
        [property: JsonPropertyName("ever_overdue")] bool EverOverdue,
        [property: JsonPropertyName("ever_suspended")] bool EverSuspended,
        [property: JsonPropertyName("dispatched_on_time")] bool? DispatchedOnTime,
        [property: JsonPropertyName("returns")] int Returns,
        [property: JsonPropertyName("reworks")] int Reworks,
        [property: JsonPropertyName("extensions_approved")] int ExtensionsApproved,
        [property: JsonPropertyName("satisfaction")] int? Satisfaction,
        [property: JsonPropertyName("dispatched_to")] IReadOnlyList<string> DispatchedTo,
        [property: JsonPropertyName("returned_by")] IReadOnlyList<string> ReturnedBy,
        [property: JsonPropertyName("queue_owners")] IReadOnlyList<string> QueueOwners,
        [property: JsonPropertyName("state")] CaseState State,
        [property: JsonPropertyName("view")] CaseView View)
    {
        public static string OwnerKey(WorkOwner owner) => $"{owner.Kind.ToString().ToLowerInvariant()}:{owner.Code}";

        public static Row From(ProjectedCase projected)
        {
            var (state, view) = projected;
            return new Row(
                view.Id, view.Version, view.Status.ToString(), view.MatterCode, view.Place.DistrictCode, view.Place.StreetCode,
                view.Place.CommunityCode, view.Place.GridCode, view.Place.Longitude, view.Place.Latitude, view.ReportedAt, view.AcceptedAt,
                view.FirstDispatchedAt, view.ClosedAt, view.Overdue, view.EverOverdue, view.EverSuspended, view.DispatchedOnTime,
                view.Returns, view.Reworks, view.ExtensionsApproved, view.Satisfaction, view.DispatchedTo, view.ReturnedBy,
                [.. view.Queues.Select(q => OwnerKey(q.Owner)).Distinct()], state, view);
        }
    }
}
