using CityActors.PostgreSql.Schema;
using CityActors.Testing;
using Npgsql;

namespace CityActors.Deadlines.Tests;

/// <summary>A fresh database on the shared throwaway PostgreSQL holding the deadline table of migration 005.</summary>
internal static class DeadlineDatabase
{
    /// <summary>Creates the database and applies our migration alone, so these tests do not depend on the other scripts.</summary>
    public static async Task<string> CreateAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync("deadlines");
        var script = SchemaMigrator.AllScripts.Single(s => s.Name == "005_deadlines");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(script.Sql, connection);
        await command.ExecuteNonQueryAsync();
        return connectionString;
    }
}
