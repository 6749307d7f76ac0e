using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace CityActors.LoadTests.Baselines;

/// <summary>
/// Orleans' stock grain storage (<c>Microsoft.Orleans.Persistence.AdoNet</c>, invariant "Npgsql") on a database of its
/// own, with the table and query rows that provider expects written here from its C# contract: at start it reads
/// <c>QueryKey, QueryText</c> from <c>OrleansQuery</c> for the keys <c>WriteToStorageKey</c>, <c>ReadFromStorageKey</c> and
/// <c>ClearStorageKey</c>, and then executes each text with parameters bound by name.
/// </summary>
/// <remarks>
/// <para>The provider binds <c>@GrainIdHash</c> and <c>@GrainTypeHash</c> (int), <c>@GrainIdN0</c> and <c>@GrainIdN1</c>
/// (bigint: the integer key is N1, a Guid key is split over both), <c>@GrainTypeString</c>, <c>@GrainIdExtensionString</c>
/// (null without a key extension; a string key travels here too) and <c>@ServiceId</c> (text), <c>@GrainStateVersion</c>
/// (int, null when the grain holds no ETag) and, for writes, <c>@PayloadBinary</c> (the serialized state as bytea).</para>
/// <para>It reads a write's new version from column <c>NewGrainStateVersion</c> and treats no row, a null, or the version it
/// sent as a lost race; a read returns columns <c>PayloadBinary</c> and <c>Version</c>; a clear returns the new version
/// in its first column.</para>
/// <para>Its own database, because the cluster schema already has an <c>orleansquery</c> table (membership and reminder
/// queries), and because this is the stock provider's footprint, not ours.</para>
/// </remarks>
public static class StockAdoNetStorage
{
    public const string ProviderName = "stock-adonet";

    // The identity of one stored state; '' stands for "no key extension" so the primary key can hold it.
    private const string SameRow = """
        service_id = @ServiceId and grain_type = @GrainTypeString
        and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1
        and grain_id_extension = coalesce(@GrainIdExtensionString, '')
        """;

    private const string Table = """
        create table stock_grain_state (
            service_id         text not null,
            grain_type         text not null,
            grain_id_n0        bigint not null,
            grain_id_n1        bigint not null,
            grain_id_extension text not null,
            grain_id_hash      int not null,
            grain_type_hash    int not null,
            version            int not null,
            payload            bytea null,
            modified_on        timestamptz not null default now(),
            primary key (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension))
        """;

    // A grain without an ETag may only create its row (version 1); one with an ETag may only move that row on from it.
    private const string Write = $"""
        with created as (
            insert into stock_grain_state
                (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, grain_id_hash, grain_type_hash, version, payload)
            select @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''),
                @GrainIdHash, @GrainTypeHash, 1, @PayloadBinary
            where @GrainStateVersion is null
            on conflict do nothing
            returning version),
        moved as (
            update stock_grain_state
            set version = version + 1, payload = @PayloadBinary, modified_on = now()
            where {SameRow} and version = @GrainStateVersion
            returning version)
        select version as "NewGrainStateVersion" from created
        union all
        select version from moved
        """;

    private const string Read = $"""
        select payload as "PayloadBinary", version as "Version"
        from stock_grain_state
        where {SameRow}
        """;

    // Clearing keeps the row with no payload, so the version sequence goes on.
    private const string Clear = $"""
        update stock_grain_state
        set version = version + 1, payload = null, modified_on = now()
        where {SameRow} and version = @GrainStateVersion
        returning version
        """;

    /// <summary>Creates the state table and the provider's query rows in the (empty) database of <paramref name="connectionString"/>.</summary>
    public static async Task CreateSchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var create = new NpgsqlCommand(Table + ";\ncreate table OrleansQuery (QueryKey text primary key, QueryText text not null)", connection, transaction))
        {
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        foreach (var (key, text) in new[] { ("WriteToStorageKey", Write), ("ReadFromStorageKey", Read), ("ClearStorageKey", Clear) })
        {
            await using var insert = new NpgsqlCommand("insert into OrleansQuery (QueryKey, QueryText) values ($1, $2)", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>Adds the stock provider as <see cref="ProviderName"/>, on <paramref name="dataSource"/> (owned by the caller).</summary>
    public static ISiloBuilder AddStockAdoNetStorage(this ISiloBuilder silo, NpgsqlDataSource dataSource) =>
        silo.AddAdoNetGrainStorage(ProviderName, (AdoNetGrainStorageOptions o) =>
        {
            o.Invariant = "Npgsql";
            o.DataSource = dataSource;
        });
}
