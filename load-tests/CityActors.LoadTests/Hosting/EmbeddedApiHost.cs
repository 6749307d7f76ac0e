using System.Globalization;
using CityActors.Api;
using CityActors.Testing;
using Microsoft.AspNetCore.Builder;

namespace CityActors.LoadTests.Hosting;

/// <summary>
/// The API host as the README starts it (<see cref="ApiApplication"/>: embedded silo, NYC demo city) in this process,
/// on free localhost ports, with the per-client rate limit raised out of the way of a load test's clients; or, with
/// <see cref="StartClusterClientAsync"/>, the same host as a cluster client of running silos.
/// </summary>
public sealed class EmbeddedApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedApiHost(WebApplication app, string url) => (_app, Url) = (app, url);

    /// <summary>Where the host listens: http://127.0.0.1:port.</summary>
    public string Url { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Further configuration as command-line pairs ("--CityActors:Api:MaxRequestBodyBytes", "…").</param>
    public static Task<EmbeddedApiHost> StartAsync(params string[] settings) =>
        StartHostAsync(
        [
            "--CityActors:Silo:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "--CityActors:Silo:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            .. settings,
        ]);

    /// <summary>The API host with no silo of its own, reaching the cluster through these gateway ports on localhost.</summary>
    public static Task<EmbeddedApiHost> StartClusterClientAsync(IReadOnlyList<int> gatewayPorts)
    {
        ArgumentNullException.ThrowIfNull(gatewayPorts);
        var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        return StartHostAsync(
        [
            "--CityActors:Api:Jwt:SigningKey", signingKey,
            .. gatewayPorts.SelectMany((port, i) => new[] { $"--CityActors:Client:Gateways:{i}", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" }),
        ]);
    }

    private static async Task<EmbeddedApiHost> StartHostAsync(string[] settings)
    {
        var url = $"http://127.0.0.1:{FreePorts.Next().ToString(CultureInfo.InvariantCulture)}";
        var app = ApiApplication.Create(
        [
            "--urls", url,
            "--CityActors:Api:RateLimit:PermitsPerSecond", "10000000",
            "--Logging:LogLevel:Default", "Warning",

            // Stdout carries the progress lines and ends with the JSON report; the host's log goes to stderr.
            "--Logging:Console:LogToStandardErrorThreshold", "Trace",
            .. settings,
        ]);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new EmbeddedApiHost(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
