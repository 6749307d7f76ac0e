using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace CityActors.Silo.Hosting;

public static class SiloModeExtensions
{
    /// <summary>
    /// Which grain directory a clustered silo uses: "Distributed" (default), Orleans' strongly consistent directory,
    /// or "Dht", Orleans' classic eventually consistent one. Every silo of a cluster must use the same.
    /// </summary>
    public const string GrainDirectoryKey = "CityActors:Cluster:GrainDirectory";

    /// <summary>
    /// Embedded: localhost clustering on the configured ports. Clustered: AdoNet membership, grain state, journals,
    /// deadlines and read model on the PostgreSQL database, this silo advertised on its address, and the grain
    /// directory of <see cref="GrainDirectoryKey"/>.
    /// </summary>
    public static ISiloBuilder UseCityActorsMode(this ISiloBuilder silo, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Clustered)
        {
            return silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: SiloSettings.ServiceId, clusterId: SiloSettings.ClusterId);
        }

        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (SiloSettings.ClusterId, SiloSettings.ServiceId));
        silo.ConfigureEndpoints(settings.AdvertisedAddress ?? Endpoints.FirstIPv4(), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        silo.UseGrainDirectory(silo.Configuration[GrainDirectoryKey]);

        silo.Configure<SiloMessagingOptions>(o =>
        {
            // On SIGTERM the gateway first tells its clients to send elsewhere, then waits this long before the silo
            // deactivates its grains, so that no client request reaches a silo that has begun to refuse them.
            o.ClientGatewayShutdownNotificationTimeout = GatewayDrainTime;

            // Once its grains are deactivated the silo keeps passing messages this long before it stops and is marked
            // dead: requests that reached a deactivated grain are forwarded to its new activation, and their callers
            // stop waiting for the old silo as soon as it is dead, so the answers must come back before that.
            o.WaitForMessageToBeQueuedForOutboundTime = ForwardingDrainTime;
        });
        return silo.UseCityActorsPostgreSql(settings.ConnectionString);
    }

    /// <summary>How long a stopping gateway keeps serving after telling its clients to go elsewhere.</summary>
    public static readonly TimeSpan GatewayDrainTime = TimeSpan.FromSeconds(2);

    /// <summary>How long a stopping silo keeps forwarding messages after deactivating its grains.</summary>
    public static readonly TimeSpan ForwardingDrainTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The distributed directory keeps one activation per grain through silo failures: when a silo dies, the silos
    /// taking over its directory ranges rebuild them from the survivors' activations before registering anything new.
    /// With the DHT directory the dead silo's ranges are simply lost, and grains registered there can be activated a
    /// second time while their first activation lives on (measured in docs/cluster.md, "Grain directory").
    /// </summary>
    private static void UseGrainDirectory(this ISiloBuilder silo, string? choice)
    {
        switch (choice?.Trim().ToUpperInvariant())
        {
            case null or "" or "DISTRIBUTED":
#pragma warning disable ORLEANSEXP003 // Experimental in Orleans 10; chosen on measurements (docs/cluster.md).
                silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
                break;
            case "DHT":
                break;
            default:
                throw new InvalidOperationException($"{GrainDirectoryKey} must be Distributed or Dht (was '{choice}').");
        }
    }
}
