using Npgsql;

namespace CityActors.PostgreSql.Hosting;

/// <summary>The cluster database whose schema the silo checks at start.</summary>
internal sealed record ClusterSchemaTarget(string ConnectionString)
{
    /// <summary>Whether <paramref name="other"/> reaches the same database, whatever its pool or credential settings.</summary>
    public bool IsSameDatabase(string other)
    {
        var mine = new NpgsqlConnectionStringBuilder(ConnectionString);
        var theirs = new NpgsqlConnectionStringBuilder(other);
        return string.Equals(mine.Host, theirs.Host, StringComparison.OrdinalIgnoreCase)
            && mine.Port == theirs.Port
            && string.Equals(mine.Database, theirs.Database, StringComparison.Ordinal);
    }
}
