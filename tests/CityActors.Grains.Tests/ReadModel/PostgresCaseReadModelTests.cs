using CityActors.Grains.Cases;

namespace CityActors.Grains.Tests.ReadModel;

/// <summary>The read model contract on the PostgreSQL store (clustered mode), over a throwaway database.</summary>
public sealed class PostgresCaseReadModelTests(PostgresReadModelDatabase database) : CaseReadModelContract, IClassFixture<PostgresReadModelDatabase>
{
    private protected override Task<ICaseReadModel> StoreAsync() => database.StoreAsync();
}
