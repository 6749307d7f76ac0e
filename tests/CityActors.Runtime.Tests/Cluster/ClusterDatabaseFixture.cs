using CityActors.PostgreSql.Cluster;
using CityActors.PostgreSql.Schema;
using CityActors.PostgreSql.Storage;
using CityActors.Runtime.Cluster;
using CityActors.Testing;

namespace CityActors.Runtime.Tests.Cluster;

/// <summary>A fresh, migrated cluster database on the shared throwaway PostgreSQL server.</summary>
public sealed class ClusterDatabase : IAsyncDisposable
{
    private ClusterDatabase(string connectionString, PostgresDatabase database)
    {
        ConnectionString = connectionString;
        Database = database;
        Membership = new PostgresMembershipStore(database);
    }

    public string ConnectionString { get; }

    public PostgresDatabase Database { get; }

    public PostgresMembershipStore Membership { get; }

    public static async Task<ClusterDatabase> CreateAsync(bool migrate = true)
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync("cluster");
        var database = PostgresDatabase.Create(connectionString);
        if (migrate)
        {
            await new SchemaMigrator(database).MigrateAsync();
        }

        return new ClusterDatabase(connectionString, database);
    }

    /// <summary>Registers a silo and claims <paramref name="shards"/> for it; returns the fences it got.</summary>
    public async Task<(Guid Silo, IReadOnlyDictionary<int, long> Epochs)> JoinAndClaimAsync(int shardCount, params int[] shards)
    {
        var silo = Guid.NewGuid();
        await Membership.JoinAsync(new SiloInfo(silo, $"silo-{silo:N}"[..12], "127.0.0.1:1"), shardCount, default);
        var epochs = await Membership.ClaimAsync(silo, shards, TimeSpan.FromMinutes(5), default);
        return (silo, epochs);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
