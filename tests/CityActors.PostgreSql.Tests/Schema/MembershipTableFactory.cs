using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace CityActors.PostgreSql.Tests.Schema;

/// <summary>Orleans' own AdoNet membership table and gateway list, pointed at a test database, without a silo around them.</summary>
internal static class MembershipTableFactory
{
    public static async Task<AdoNetClusteringTable> CreateAsync(string connectionString, string clusterId)
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "service" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    public static async Task<IGatewayListProvider> CreateGatewayListAsync(string connectionString, string clusterId)
    {
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = "Npgsql", ConnectionString = connectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "service" }));
        await gateways.InitializeGatewayListProvider();
        return gateways;
    }

    /// <summary>A silo entry with times on whole milliseconds, which survive PostgreSQL's microsecond resolution exactly.</summary>
    public static MembershipEntry Entry(int port, SiloStatus status, DateTime? startTime = null, int proxyPort = 0)
    {
        var start = startTime ?? WholeMilliseconds(DateTime.UtcNow);
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, generation: 1000 + port),
            SiloName = $"silo-{port}",
            HostName = "host-a",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = start,
            IAmAliveTime = start,
        };
    }

    public static DateTime WholeMilliseconds(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
