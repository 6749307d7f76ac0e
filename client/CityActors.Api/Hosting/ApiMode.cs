using Microsoft.Extensions.Configuration;

namespace CityActors.Api.Hosting;

/// <summary>How the API host reaches grains: a silo in its own process, or gateway silos of a cluster.</summary>
public enum ApiMode
{
    /// <summary>Co-hosts a silo (embedded or clustered by the silo's own settings); grains are local.</summary>
    CoHostedSilo,

    /// <summary>Orleans' cluster client to the gateways in <c>CityActors:Client:Gateways</c>; no database credentials.</summary>
    ClusterClient,
}

public static class ApiModes
{
    /// <summary>Cluster client when gateways are configured, otherwise a co-hosted silo.</summary>
    public static ApiMode From(IConfiguration configuration) =>
        configuration.GetSection("CityActors:Client:Gateways").GetChildren().Any() ? ApiMode.ClusterClient : ApiMode.CoHostedSilo;
}
