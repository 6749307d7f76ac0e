using System.Net;
using CityActors.Client;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CityActors.Silo.Tests;

public sealed class ClusteredSiloTests
{
    [Fact]
    public async Task Two_silo_processes_on_one_database_form_a_cluster_and_the_survivor_serves_after_sigterm()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync("silo");
        var environment = new Dictionary<string, string> { ["CityActors__PostgreSql__ConnectionString"] = database };

        await using var first = await SiloProcess.StartAsync(environment);
        await using var second = await SiloProcess.StartAsync(environment);
        using var http = new HttpClient { BaseAddress = first.Address };
        var ready = await http.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        (await http.GetStringAsync("/")).ShouldContain("\"mode\":\"clustered\"");
        (await http.GetAsync("/dashboard/")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the dashboard is off by default when clustered");
        await Eventually.Until(async () => await CountAsync(database, "select count(*) from orleans_membership where status = 3") == 2);

        using var client = await ConnectAsync(second.GatewayPort, first.GatewayPort);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var report = new CaseReport(Channel.Hotline, $"c{i}", "NYC001", "Pothole", ReportedLocation.At(-73.9855, 40.758), new Reporter(Phone: "212"));
            ids.Add((await grains.GetGrain<ICaseGrain>(Channels.CaseIdFor(Channel.Hotline, $"c{i}")).Execute(new ReportCase(new Actor("hotline", Role.ChannelSystem, "hotline"), report))).Id);
        }

        await second.TerminateAsync();

        second.ExitCode.ShouldBe(0, second.Output);
        (await CountAsync(database, "select count(*) from orleans_membership where status = 6")).ShouldBe(1, "the stopped silo marked itself dead");
        foreach (var id in ids)
        {
            (await grains.GetGrain<ICaseGrain>(id).GetHistory()).OfType<CaseReported>().Count().ShouldBe(1, $"case {id} after hand-off");
        }

        (await CountAsync(database, "select count(distinct grain_key) from grain_journal where grain_type = 'case'")).ShouldBe(ids.Count);
        await client.StopAsync();
    }

    [Fact]
    public async Task The_migrate_command_creates_the_schema_and_a_second_run_changes_nothing()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync("migrate");

        var (exitCode, output) = await SiloProcess.RunCommandAsync("migrate", database);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("Applied schema version(s) 1, 2, 3, 4, 5");
        output.ShouldContain("Case read model tables are in place.");
        (await CountAsync(database, "select count(*) from orleansquery where querykey = 'CleanupDefunctSiloEntriesKey'")).ShouldBe(1);
        (await CountAsync(database, "select count(*) from case_projection")).ShouldBe(1);
        (await SiloProcess.RunCommandAsync("migrate", database)).Output.ShouldContain("Schema already at version");
    }

    [Fact]
    public async Task A_silo_that_cannot_reach_its_database_stops_with_the_reason_and_no_password()
    {
        var environment = new Dictionary<string, string>
        {
            ["CityActors__PostgreSql__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=city;Username=ops;Password=s3cret-pw;Timeout=2",
        };

        var (exitCode, output) = await SiloProcess.RunToExitAsync(environment);

        exitCode.ShouldNotBe(0);
        output.ShouldContain("Cannot reach the cluster database (host 127.0.0.1, port 1, database city, user ops)");
        output.ShouldNotContain("s3cret-pw");
    }

    private static async Task<IHost> ConnectAsync(params int[] gatewayPorts)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(gatewayPorts.Select((p, i) => KeyValuePair.Create<string, string?>($"CityActors:Client:Gateways:{i}", $"127.0.0.1:{p}")));
        builder.UseOrleansClient(client => client.UseCityActorsCluster(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
