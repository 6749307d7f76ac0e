using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Deadlines;

/// <summary>Adds durable one-shot deadlines (<see cref="IDeadlines"/>) to a silo.</summary>
public static class DeadlineSiloBuilderExtensions
{
    /// <summary>
    /// Adds the deadline service: <see cref="IDeadlines"/> for grains, the deadline shard grains and the keep-alive
    /// that keeps them active. Deadlines are kept in an <see cref="MemoryDeadlineTable"/> unless an
    /// <see cref="IDeadlineTable"/> is registered (before or after this call), for example PostgreSQL's. Journal appends
    /// carry deadline changes through <see cref="SequentialJournalWithDeadlines"/> unless another
    /// <see cref="IJournalWithDeadlines"/> is registered (PostgreSQL's commits both in one transaction).
    /// </summary>
    public static ISiloBuilder AddCityActorsDeadlines(this ISiloBuilder builder, Action<DeadlineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<DeadlineOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(DeadlineService)))
        {
            // Added already: only the extra configuration above applies.
            return builder;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeadlineOptions>, DeadlineOptionsValidator>());
        services.TryAddSingleton<IDeadlineTable, MemoryDeadlineTable>();
        services.TryAddSingleton<DeadlineMetrics>();
        services.AddSingleton<DeadlineShardNotifier>();
        services.AddSingleton(sp => new DeadlineWriteBatcher(
            sp.GetRequiredService<IDeadlineTable>(),
            sp.GetRequiredService<DeadlineShardNotifier>().OnCommitted,
            sp.GetRequiredService<DeadlineMetrics>(),
            sp.GetRequiredService<IOptions<DeadlineOptions>>(),
            sp.GetRequiredService<ILogger<DeadlineWriteBatcher>>()));
        services.AddSingleton<DeadlineService>();
        services.AddSingleton<IDeadlines>(sp => sp.GetRequiredService<DeadlineService>());
        services.AddSingleton<IDeadlineCommits, DeadlineCommits>();
        services.TryAddSingleton<IJournalWithDeadlines, SequentialJournalWithDeadlines>();
        services.AddSingleton<DeadlineShardKeeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeadlineShardKeeper>());
        return builder;
    }
}
