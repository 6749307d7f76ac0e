using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityActors.Runtime.Hosting;

/// <summary>Front-end hosts: a <see cref="ClusterClient"/> as the host's <see cref="IGrainFactory"/>.</summary>
public static class ClusterClientHosting
{
    /// <summary>
    /// Connects to the cluster when the host starts, through the gateways listed under "CityActors:Client:Gateways"
    /// (for example <c>CityActors__Client__Gateways__0=silo-0:11111</c>); the host fails to start, naming every
    /// gateway's error, when none answers.
    /// </summary>
    public static IServiceCollection AddCityActorsClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ClusterClientOptions>().Bind(configuration.GetSection(ClusterClientOptions.SectionName))
            .Validate(o => o.Gateways.Count > 0, $"{ClusterClientOptions.SectionName}:Gateways must list at least one gateway endpoint (host:port).")
            .ValidateOnStart();
        services.AddSingleton<ClientConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<ClientConnection>());
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClientConnection>().Client);
        return services;
    }

    private sealed class ClientConnection(IOptions<ClusterClientOptions> options, TimeProvider? time = null) : IHostedService, IAsyncDisposable
    {
        private ClusterClient? _client;

        public ClusterClient Client => _client ?? throw new InvalidOperationException("The cluster client is used before the host started.");

        public async Task StartAsync(CancellationToken cancellationToken) =>
            _client = await ClusterClient.ConnectAsync(options.Value, time).WaitAsync(cancellationToken).ConfigureAwait(false);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async ValueTask DisposeAsync()
        {
            if (_client is not null)
            {
                await _client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
