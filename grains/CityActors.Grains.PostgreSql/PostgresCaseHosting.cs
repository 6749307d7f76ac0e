using CityActors.Grains.Cases;
using CityActors.PostgreSql.Storage;
using CityActors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityActors.Grains.PostgreSql;

public static class PostgresCaseHosting
{
    /// <summary>Keeps the case read model in the cluster's PostgreSQL database (call after UsePostgreSqlClustering).</summary>
    public static SiloBuilder UsePostgreSqlCaseViews(this SiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.RemoveAll<ICaseViewStore>();
        silo.Services.AddSingleton<ICaseViewStore>(sp => new PostgresCaseViewStore(sp.GetRequiredService<PostgresDatabase>()));
        return silo;
    }
}
