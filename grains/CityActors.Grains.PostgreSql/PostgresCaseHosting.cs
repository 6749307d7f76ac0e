using CityActors.Grains.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace CityActors.Grains.PostgreSql;

/// <summary>Registration of the PostgreSQL case read model for clustered silos.</summary>
public static class PostgresCaseHosting
{
    /// <summary>Keeps the case read model in PostgreSQL, on the data source <paramref name="dataSource"/> picks from the container.</summary>
    public static IServiceCollection AddPostgreSqlCaseReadModel(this IServiceCollection services, Func<IServiceProvider, NpgsqlDataSource> dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        services.RemoveAll<MemoryCaseViewStore>();
        services.RemoveAll<ICaseProjectionStore>();
        services.RemoveAll<ICaseReadModel>();
        services.AddSingleton(sp => new PostgresCaseViewStore(dataSource(sp)));
        services.AddSingleton<ICaseProjectionStore>(sp => sp.GetRequiredService<PostgresCaseViewStore>());
        services.AddSingleton<ICaseReadModel>(sp => sp.GetRequiredService<PostgresCaseViewStore>());
        return services;
    }
}
