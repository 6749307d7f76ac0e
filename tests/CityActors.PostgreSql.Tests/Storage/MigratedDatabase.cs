using CityActors.PostgreSql.Schema;
using CityActors.Testing;
using Npgsql;

namespace CityActors.PostgreSql.Tests.Storage;

/// <summary>A fresh database with the whole schema applied, on the shared throwaway PostgreSQL server.</summary>
internal sealed class MigratedDatabase : IAsyncDisposable
{
    private MigratedDatabase(string connectionString, NpgsqlDataSource dataSource)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
    }

    /// <summary>Connection string of the test database (pooled, up to 100 connections, as the test server hands it out).</summary>
    public string ConnectionString { get; }

    /// <summary>A pool of the test's own, for looking at tables directly.</summary>
    public NpgsqlDataSource DataSource { get; }

    public string Name => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    public static async Task<MigratedDatabase> CreateAsync(string prefix)
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync(prefix);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource).MigrateAsync();
        return new MigratedDatabase(connectionString, dataSource);
    }

    /// <summary>The connection string with a distinct application name, to count the connections one component opened.</summary>
    public string ConnectionStringFor(string applicationName) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = applicationName }.ConnectionString;

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Server connections to this database whose application name is <paramref name="applicationName"/>.</summary>
    public async Task<long> ConnectionCountAsync(string applicationName) =>
        await ScalarAsync<long>(
            "select count(*) from pg_stat_activity where datname = current_database() and application_name = $1",
            applicationName);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
