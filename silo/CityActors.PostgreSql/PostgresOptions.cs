namespace CityActors.PostgreSql;

/// <summary>Clustered-mode database settings, bound from "CityActors:PostgreSql".</summary>
public sealed class PostgresOptions
{
    public const string SectionName = "CityActors:PostgreSql";

    /// <summary>Npgsql connection string of the cluster database. Silos only; clients never need it.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Create or upgrade the schema when the silo starts; when false the silo refuses an outdated schema.</summary>
    public bool ApplySchema { get; set; } = true;
}
