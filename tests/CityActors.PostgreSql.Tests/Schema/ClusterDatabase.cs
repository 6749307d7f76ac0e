using System.Net;
using System.Net.Sockets;
using CityActors.PostgreSql.Schema;
using CityActors.Testing;
using Npgsql;

namespace CityActors.PostgreSql.Tests.Schema;

/// <summary>Fresh databases on the shared throwaway PostgreSQL server, empty or at this build's schema.</summary>
internal static class ClusterDatabase
{
    public static async Task<string> CreateEmptyAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return await server.CreateDatabaseAsync("schema");
    }

    public static async Task<string> CreateMigratedAsync()
    {
        var connectionString = await CreateEmptyAsync();
        await SchemaMigrator.MigrateDatabaseAsync(connectionString);
        return connectionString;
    }

    /// <summary>A connection string for a port nothing listens on (it was free a moment ago), so connecting is refused at once.</summary>
    public static (string ConnectionString, int Port) Unreachable(string password)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return ($"Host=127.0.0.1;Port={port};Database=cluster;Username=silo;Password={password};Timeout=5", port);
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
