using System.Text.Json;
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
        var rows = JsonSerializer.Serialize(cases.Select(CaseViewRow.From).ToList(), DomainSerialization.Json);
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

        await using (var upsert = new NpgsqlCommand(CaseViewSql.Upsert, connection, transaction))
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
        var where = CaseViewFilter.Where(query, command);
        command.CommandText = $"select view::text from case_view {(where.Length == 0 ? "" : "where " + where)} order by reported_ticks desc, case_id limit {query.Limit + 1}";
        var views = await ReadViewsAsync(command, cancellationToken).ConfigureAwait(false);
        var next = views.Count > query.Limit ? CaseCursor.Of(views[query.Limit - 1]).ToString() : null;
        return new CasePage([.. views.Take(query.Limit)], next);
    }

    public async Task<IReadOnlyList<CaseView>> QueuedForAsync(WorkOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("select view::text from case_view where queue_owners @> array[$1::text]");
        command.Parameters.Add(new NpgsqlParameter { Value = CaseViewRow.OwnerKey(owner) });
        return await ReadViewsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CaseView>> RecentlyClosedAsync(string matterCode, BoundingBox? box, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matterCode);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);

        // The status is a literal so the partial index case_view_closed_matter serves the query: walk the matter's
        // closures newest first and stop at the limit.
        await using var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter { Value = matterCode });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var inBox = "";
        if (box is not null)
        {
            foreach (var bound in new[] { box.MinLongitude, box.MaxLongitude, box.MinLatitude, box.MaxLatitude })
            {
                command.Parameters.Add(new NpgsqlParameter { Value = bound });
            }

            inBox = "and longitude between $3 and $4 and latitude between $5 and $6";
        }

        command.CommandText = $"select view::text from case_view where status = 'Closed' and matter = $1 and closed_at is not null {inBox} order by closed_at desc, case_id limit $2";
        return await ReadViewsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CaseKpis> KpisAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(CaseViewSql.Kpis);
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcTicks });
        command.Parameters.Add(new NpgsqlParameter { Value = to.UtcTicks });
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
}
