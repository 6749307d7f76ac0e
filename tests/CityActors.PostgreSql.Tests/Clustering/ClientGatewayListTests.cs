using CityActors.PostgreSql.Hosting;
using CityActors.PostgreSql.Tests.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace CityActors.PostgreSql.Tests.Clustering;

public sealed class ClientGatewayListTests
{
    [Fact]
    public async Task A_client_finds_its_gateway_in_the_cluster_database_and_calls_a_grain()
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        await using var silo = await TestSilo.StartNewAsync(connectionString, "c1", "a");
        using var client = new HostBuilder()
            .UseOrleansClient(c =>
            {
                c.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("c1", "c1-service"));
                c.UseCityActorsPostgreSqlClustering(connectionString);
            })
            .Build();

        await client.StartAsync();
        try
        {
            var answeredFrom = await client.Services.GetRequiredService<IClusterClient>()
                .GetGrain<IPlacementProbeGrain>("from-client").GetSiloAsync();

            answeredFrom.ShouldBe(silo.Address);
        }
        finally
        {
            await client.StopAsync();
        }
    }
}
