using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CityActors.PostgreSql.Storage;

/// <summary>Settings of one named <see cref="PostgresGrainStorage"/>.</summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>Npgsql connection string of the database holding the grain_state table (schema script 003).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// How grain states become JSON and back. Stored rows outlive the code that wrote them, so the defaults favour
    /// reading old rows with new code: camelCase names matched without regard to case, unknown properties ignored,
    /// missing ones left at their defaults, and a polymorphic type discriminator accepted anywhere in an object
    /// (jsonb reorders keys). Renaming a property loses its stored value unless <c>[JsonPropertyName]</c> keeps the old name.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = CreateJsonSerializerOptions();

    /// <summary>Write batches (writes and clears) in flight at once; each holds one pooled connection while it runs.</summary>
    public int ConcurrentWriteBatches { get; set; } = 4;

    /// <summary>Read batches in flight at once.</summary>
    public int ConcurrentReadBatches { get; set; } = 2;

    /// <summary>Most grain states written or read by one statement.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>The default <see cref="JsonSerializerOptions"/>: a fresh instance callers may extend (converters, source-generated contexts).</summary>
    public static JsonSerializerOptions CreateJsonSerializerOptions() =>
        new(JsonSerializerDefaults.Web)
        {
            AllowOutOfOrderMetadataProperties = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
}
