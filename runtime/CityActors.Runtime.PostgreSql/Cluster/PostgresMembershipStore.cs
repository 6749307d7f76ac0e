using CityActors.PostgreSql.Storage;
using CityActors.Runtime.Cluster;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Cluster;

/// <summary>Membership and shard leases in the silo and shard_lease tables, decided by the database's now().</summary>
/// <remarks>Joining first makes sure the schema is current (creating or upgrading it when <paramref name="applySchema"/>).</remarks>
public sealed class PostgresMembershipStore(PostgresDatabase database, bool applySchema = false) : IMembershipStore
{

    public async Task JoinAsync(SiloInfo silo, int shardCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await new Schema.SchemaMigrator(database).EnsureCurrentAsync(applySchema, cancellationToken).ConfigureAwait(false);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand("insert into cluster_info (id, shard_count) values (1, $1) on conflict (id) do nothing", connection, transaction))
        {
            PostgresDatabase.Add(create, shardCount, NpgsqlDbType.Integer);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var read = new NpgsqlCommand("select shard_count from cluster_info where id = 1", connection, transaction))
        {
            var stored = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (stored != shardCount)
            {
                throw new ClusterConfigurationException(
                    $"{SiloOptions.SectionName}:ShardCount is {shardCount} but the cluster stored in this database was created with {stored} shards. "
                    + "The shard count is fixed for the life of a cluster: set it to the stored value (or use a new database).");
            }
        }

        await using (var seed = new NpgsqlCommand("insert into shard_lease (shard) select generate_series(0, $1 - 1) on conflict (shard) do nothing", connection, transaction))
        {
            PostgresDatabase.Add(seed, shardCount, NpgsqlDbType.Integer);
            await seed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var register = new NpgsqlCommand("insert into silo (silo_id, name, endpoint, status) values ($1, $2, $3, 'active')", connection, transaction))
        {
            PostgresDatabase.Add(register, silo.SiloId, NpgsqlDbType.Uuid);
            PostgresDatabase.Add(register, silo.Name, NpgsqlDbType.Text);
            PostgresDatabase.Add(register, silo.Endpoint, NpgsqlDbType.Text);
            await register.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<MembershipView> HeartbeatAsync(Guid siloId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        // One round trip: heartbeat, renewal of unexpired leases, live silos, the whole shard map.
        await using var batch = database.DataSource.CreateBatch();
        batch.BatchCommands.Add(Statement("update silo set heartbeat_at = now() where silo_id = $1", siloId));
        batch.BatchCommands.Add(Statement("update shard_lease set expires_at = now() + $2 where shard in (select shard from shard_lease where silo_id = $1 and expires_at > now() order by shard for update) returning shard, epoch", siloId, leaseDuration));
        batch.BatchCommands.Add(Statement("select silo_id, name, endpoint from silo where status = 'active' and heartbeat_at > now() - $1", leaseDuration));
        batch.BatchCommands.Add(Statement("select shard, silo_id, epoch, expires_at <= now() from shard_lease order by shard"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var renewed = new Dictionary<int, long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            renewed[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var silos = new List<SiloInfo>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            silos.Add(new SiloInfo(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var shards = new List<ShardAssignment>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            shards.Add(new ShardAssignment(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetGuid(1),
                reader.GetInt64(2),
                reader.GetBoolean(3)));
        }

        return new MembershipView(silos, shards, renewed);
    }

    public async Task<IReadOnlyDictionary<int, long>> ClaimAsync(Guid siloId, IReadOnlyCollection<int> shards, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        await using var command = database.Command("""
            update shard_lease set silo_id = $1, epoch = epoch + 1, expires_at = now() + $2, acquired_at = now()
            where shard in (select shard from shard_lease where shard = any($3) and (silo_id is null or expires_at <= now()) order by shard for update)
            returning shard, epoch
            """);
        PostgresDatabase.Add(command, siloId, NpgsqlDbType.Uuid);
        PostgresDatabase.Add(command, leaseDuration, NpgsqlDbType.Interval);
        PostgresDatabase.Add(command, shards.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        var claimed = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return claimed;
    }

    public async Task ReleaseAsync(Guid siloId, IReadOnlyCollection<int> shards, CancellationToken cancellationToken)
    {
        await using var command = database.Command("update shard_lease set silo_id = null, expires_at = now() where shard in (select shard from shard_lease where silo_id = $1 and shard = any($2) order by shard for update)");
        PostgresDatabase.Add(command, siloId, NpgsqlDbType.Uuid);
        PostgresDatabase.Add(command, shards.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task LeaveAsync(Guid siloId, CancellationToken cancellationToken)
    {
        await using var batch = database.DataSource.CreateBatch();
        batch.BatchCommands.Add(Statement("update shard_lease set silo_id = null, expires_at = now() where shard in (select shard from shard_lease where silo_id = $1 order by shard for update)", siloId));
        batch.BatchCommands.Add(Statement("update silo set status = 'stopped' where silo_id = $1", siloId));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            statement.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return statement;
    }
}
