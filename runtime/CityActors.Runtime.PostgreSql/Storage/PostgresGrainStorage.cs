using System.Globalization;
using System.Text;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Grain state as jsonb rows keyed by (grain type, key, state name). The ETag is the row's version; every write and
/// clear checks it and the shard lease (see <see cref="PostgresDatabase.FenceCte"/>) in the same statement. Writes
/// are group-committed (<see cref="StateWriteBatcher"/>) and acknowledged only after their statement committed.
/// </summary>
public sealed class PostgresGrainStorage(PostgresDatabase database) : IGrainStorage, IAsyncDisposable
{
    private readonly StateWriteBatcher _writes = new(database, Math.Max(4, Environment.ProcessorCount * 2));

    private const string ClearSql = $"""
        with {PostgresDatabase.FenceCte},
        deleted as (
            delete from grain_state where grain_type = $3 and grain_key = $4 and state_name = $5
                and version is not distinct from $6 and exists (select 1 from fence)
            returning 1),
        current as (select version from grain_state where grain_type = $3 and grain_key = $4 and state_name = $5)
        select (select count(*) from fence), (select count(*) from deleted), (select version from current)
        """;

    public async Task<StoredGrainState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = database.Command("select data::text, version from grain_state where grain_type = $1 and grain_key = $2 and state_name = $3");
        PostgresDatabase.Add(command, grainId.Type, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, grainId.Key, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, stateName, NpgsqlDbType.Text);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new StoredGrainState(Encoding.UTF8.GetBytes(reader.GetString(0)), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedETag, FencingToken fence, CancellationToken cancellationToken)
    {
        var expected = ParseETag(expectedETag, stateName, grainId);
        return _writes.WriteAsync(stateName, grainId, Encoding.UTF8.GetString(data.Span), expected, fence);
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();

    public async Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, FencingToken fence, CancellationToken cancellationToken)
    {
        var expected = ParseETag(expectedETag, stateName, grainId);
        await using var command = database.Command(ClearSql, fence);
        AddIdentity(command, grainId, stateName);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<long?> { TypedValue = expected, NpgsqlDbType = NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (reader.GetInt64(0) == 0)
        {
            throw PostgresDatabase.Fenced(fence, $"Clearing state '{stateName}' of grain {grainId}");
        }

        var deleted = reader.GetInt64(1) > 0;
        var stillThere = !reader.IsDBNull(2);
        if (!deleted && (stillThere || expected is not null))
        {
            var stored = stillThere ? reader.GetInt64(2).ToString(CultureInfo.InvariantCulture) : "(none)";
            throw new InconsistentStateException(
                $"State '{stateName}' of grain {grainId} was changed by another writer: expected ETag {expectedETag ?? "(none)"}, stored {stored}.");
        }
    }

    private static void AddIdentity(Npgsql.NpgsqlCommand command, GrainId grainId, string stateName)
    {
        PostgresDatabase.Add(command, grainId.Type, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, grainId.Key, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, stateName, NpgsqlDbType.Text);
    }

    private static long? ParseETag(string? etag, string stateName, GrainId grainId)
    {
        if (etag is null)
        {
            return null;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"State '{stateName}' of grain {grainId} carries ETag '{etag}', which this storage did not issue.");
    }
}
