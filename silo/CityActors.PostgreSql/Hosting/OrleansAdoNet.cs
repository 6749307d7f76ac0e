namespace CityActors.PostgreSql.Hosting;

/// <summary>How Orleans' AdoNet providers are pointed at PostgreSQL.</summary>
internal static class OrleansAdoNet
{
    /// <summary>The provider invariant of Npgsql; it selects the PostgreSQL dialect settings inside the providers.</summary>
    public const string Invariant = "Npgsql";
}
