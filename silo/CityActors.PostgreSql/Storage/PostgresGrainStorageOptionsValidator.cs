using Orleans;
using Orleans.Runtime;

namespace CityActors.PostgreSql.Storage;

/// <summary>Stops the silo at start when a PostgreSQL grain storage is configured without what it needs.</summary>
internal sealed class PostgresGrainStorageOptionsValidator(PostgresGrainStorageOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new OrleansConfigurationException($"Grain storage '{name}' needs {nameof(PostgresGrainStorageOptions)}.{nameof(options.ConnectionString)}.");
        }

        if (options.JsonSerializerOptions is null)
        {
            throw new OrleansConfigurationException($"Grain storage '{name}' needs {nameof(PostgresGrainStorageOptions)}.{nameof(options.JsonSerializerOptions)}.");
        }

        if (options.ConcurrentWriteBatches < 1 || options.ConcurrentReadBatches < 1 || options.MaxBatchSize < 1)
        {
            throw new OrleansConfigurationException(
                $"Grain storage '{name}': {nameof(options.ConcurrentWriteBatches)} ({options.ConcurrentWriteBatches}), "
                + $"{nameof(options.ConcurrentReadBatches)} ({options.ConcurrentReadBatches}) and {nameof(options.MaxBatchSize)} ({options.MaxBatchSize}) must be at least 1.");
        }
    }
}
