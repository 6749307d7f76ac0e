using System.Net;
using Microsoft.Extensions.Configuration;

namespace CityActors.Silo.Hosting;

/// <summary>How a silo process runs, read from configuration ("CityActors:PostgreSql", "CityActors:Silo").</summary>
/// <param name="ConnectionString">The cluster database; empty for embedded mode.</param>
/// <param name="Dashboard">Serve the Orleans Dashboard at /dashboard (default: on when embedded, off when clustered).</param>
/// <param name="ShutdownTimeout">How long SIGTERM may take: deactivating grains and handing work to the other silos.</param>
/// <param name="SiloPort">Silo-to-silo port.</param>
/// <param name="GatewayPort">Port the cluster clients (API hosts) connect to.</param>
/// <param name="AdvertisedAddress">The address other silos reach this one on (clustered; default: the first non-loopback IPv4 address).</param>
public sealed record SiloSettings(
    string ConnectionString,
    bool Dashboard,
    TimeSpan ShutdownTimeout,
    int SiloPort,
    int GatewayPort,
    IPAddress? AdvertisedAddress)
{
    public const string ClusterId = "cityactors";
    public const string ServiceId = "cityactors";

    public bool Clustered => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <exception cref="InvalidOperationException">A setting has a value it cannot have; the message names the key.</exception>
    public static SiloSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration["CityActors:PostgreSql:ConnectionString"] ?? "";
        var silo = configuration.GetSection("CityActors:Silo");
        var clustered = !string.IsNullOrWhiteSpace(connectionString);
        var advertised = silo["AdvertisedAddress"];
        IPAddress? address = null;
        if (!string.IsNullOrWhiteSpace(advertised) && !IPAddress.TryParse(advertised, out address))
        {
            throw new InvalidOperationException($"CityActors:Silo:AdvertisedAddress must be an IP address (was '{advertised}').");
        }

        return new SiloSettings(
            connectionString,
            silo.GetValue("Dashboard", !clustered),
            Positive(silo.GetValue("ShutdownTimeout", TimeSpan.FromSeconds(60)), "ShutdownTimeout"),
            Port(silo.GetValue("SiloPort", 11111), "SiloPort"),
            Port(silo.GetValue("GatewayPort", 30000), "GatewayPort"),
            address);
    }

    private static int Port(int value, string key) => value is > 0 and <= 65535
        ? value
        : throw new InvalidOperationException($"CityActors:Silo:{key} must be a TCP port 1–65535 (was {value}).");

    private static TimeSpan Positive(TimeSpan value, string key) => value > TimeSpan.Zero
        ? value
        : throw new InvalidOperationException($"CityActors:Silo:{key} must be positive (was {value}).");
}
