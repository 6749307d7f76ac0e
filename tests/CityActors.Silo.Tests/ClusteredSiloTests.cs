using System.Net;
using CityActors.Testing;
using Npgsql;

namespace CityActors.Silo.Tests;

public sealed class ClusteredSiloTests
{
    [Fact]
    public async Task Two_silo_processes_on_one_database_form_a_cluster_and_hand_off_on_sigterm()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync("silo");
        var environment = new Dictionary<string, string>
        {
            ["CityActors__PostgreSql__ConnectionString"] = database,
            ["CityActors__Silo__ShardCount"] = "64",
            ["CityActors__Cluster__Port"] = "0",
        };

        await using var first = await SiloProcess.StartAsync(environment);
        await using var second = await SiloProcess.StartAsync(environment);
        using var http = new HttpClient { BaseAddress = first.Address };
        (await http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetStringAsync("/")).ShouldContain("\"mode\":\"clustered\"");
        await Eventually.Until(async () => await CountAsync(database, "select count(distinct silo_id) from shard_lease where expires_at > now()") == 2);

        await second.TerminateAsync();

        second.ExitCode.ShouldBe(0);
        second.Output.ShouldContain("handed off");
        (await CountAsync(database, "select count(*) from silo where status = 'stopped'")).ShouldBe(1);
        await Eventually.Until(async () => await CountAsync(database, "select count(*) from shard_lease l join silo s using (silo_id) where s.status = 'active' and l.expires_at > now()") == 64);
    }

    [Fact]
    public async Task The_migrate_command_creates_the_schema()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync("migrate");

        var (exitCode, output) = await SiloProcess.RunCommandAsync("migrate", database);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("Applied schema version(s) 1, 2");
        output.ShouldContain("Case read model tables are in place.");
        (await CountAsync(database, "select max(version) from cityactors_schema")).ShouldBe(2);
        (await CountAsync(database, "select count(*) from case_projection")).ShouldBe(1);
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
