using CityActors.Grains.Cases;
using CityActors.Grains.PostgreSql;
using CityActors.Journals;
using CityActors.Testing;
using Npgsql;

namespace CityActors.Grains.Tests.ReadModel;

/// <summary>
/// One database per test class holding <see cref="ReadModelCases.All"/>, saved once through the store's own batch
/// write. The database sorts text by an English ICU collation where the server has ICU (PostgreSQL 15 and later), as
/// production databases often do, so a list ordered by the database's default collation instead of by byte would
/// show up in the ordering and paging tests.
/// </summary>
public sealed class PostgresReadModelDatabase : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;
    private PostgresCaseViewStore? _store;

    public Task<ICaseReadModel> StoreAsync() =>
        Task.FromResult<ICaseReadModel>(_store ?? throw new InvalidOperationException("The database is not ready."));

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        _dataSource = NpgsqlDataSource.Create(await CreateDatabaseAsync(server));
        _store = new PostgresCaseViewStore(_dataSource);
        await _store.SaveAsync(ReadModelCases.All, FeedPosition.Start, ReadModelCases.Checkpoint, default);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private static async Task<string> CreateDatabaseAsync(PostgresServer server)
    {
        var name = $"readmodel_icu_{Environment.ProcessId}_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"create database \"{name}\" template template0 locale_provider icu icu_locale 'en-US'", admin);
        try
        {
            await create.ExecuteNonQueryAsync();
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.SyntaxError or PostgresErrorCodes.FeatureNotSupported or PostgresErrorCodes.InvalidParameterValue)
        {
            // A server before version 15 or without ICU: its default collation is what the cases meet there.
            return await server.CreateDatabaseAsync("readmodel");
        }

        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }
}
