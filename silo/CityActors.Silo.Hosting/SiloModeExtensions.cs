using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace CityActors.Silo.Hosting;

public static class SiloModeExtensions
{
    /// <summary>
    /// Embedded: localhost clustering on the configured ports. Clustered: AdoNet membership, grain state, journals,
    /// deadlines and read model on the PostgreSQL database, this silo advertised on its address.
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
        return silo.UseCityActorsPostgreSql(settings.ConnectionString);
    }
}
