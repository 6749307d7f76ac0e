using CityActors.GrainInterfaces.Hosting;
using CityActors.GrainInterfaces.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;

namespace CityActors.Client;

public static class ClusterClientExtensions
{
    /// <summary>
    /// Connects this client to the gateways of "CityActors:Client" with the serialization the silos use; calls a silo
    /// rejected without running them (one stopping, say) are sent again (<see cref="RejectedCallRetryFilter"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The settings are unusable; the message lists every problem.</exception>
    public static IClientBuilder UseCityActorsCluster(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ClusterClientOptions();
        configuration.GetSection(ClusterClientOptions.SectionName).Bind(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The cluster client is not configured: " + string.Join(" ", errors));
        }

        client.Services.AddSerializer(s => s.AddCityActorsSerialization());
        RememberedGrainInterfaceTypes.Register(client.Services);
        client.AddActivityPropagation();
        client.Services.TryAddSingleton(TimeProvider.System);
        client.AddOutgoingGrainCallFilter<RejectedCallRetryFilter>();
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        return client.UseStaticClustering(GatewayAddress.Resolve(options.Gateways));
    }
}
