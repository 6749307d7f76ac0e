using CityActors.Grains.PostgreSql;
using CityActors.Journals;
using Npgsql;
using CityActors.Testing;

namespace CityActors.Grains.Tests;

public sealed class PostgresCaseViewStoreTests
{
    [Fact]
    public async Task One_projector_holds_the_lease_until_it_releases_it_or_lets_it_lapse()
    {
        var server = await PostgresServer.SharedAsync();
        await using var database = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("leases"));
        var store = new PostgresCaseViewStore(database);

        (await store.TryLeadAsync("a", TimeSpan.FromMinutes(1), default)).ShouldBeTrue();
        (await store.TryLeadAsync("b", TimeSpan.FromMinutes(1), default)).ShouldBeFalse();
        (await store.TryLeadAsync("a", TimeSpan.FromMinutes(1), default)).ShouldBeTrue("the holder renews");

        await store.ReleaseLeadAsync("b", default);
        (await store.TryLeadAsync("b", TimeSpan.FromMinutes(1), default)).ShouldBeFalse("only the holder can release");
        await store.ReleaseLeadAsync("a", default);
        (await store.TryLeadAsync("b", TimeSpan.FromMilliseconds(1), default)).ShouldBeTrue();

        await Eventually.Until(async () => await store.TryLeadAsync("a", TimeSpan.FromMinutes(1), default));
        (await store.TryLeadAsync("b", TimeSpan.FromMinutes(1), default)).ShouldBeFalse();
    }

    [Fact]
    public async Task The_checkpoint_moves_only_from_the_expected_position()
    {
        var server = await PostgresServer.SharedAsync();
        await using var database = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("checkpoint"));
        var store = new PostgresCaseViewStore(database);

        (await store.ReadCheckpointAsync(default)).ShouldBe(FeedPosition.Start);
        await store.SaveAsync([], FeedPosition.Start, new FeedPosition(10, 5), default);
        var error = await Should.ThrowAsync<Cases.ProjectionConflictException>(() => store.SaveAsync([], FeedPosition.Start, new FeedPosition(10, 9), default));
        error.Message.ShouldContain("another projector committed first");
        (await store.ReadCheckpointAsync(default)).ShouldBe(new FeedPosition(10, 5));
    }

    [Fact]
    public async Task The_read_model_compresses_case_documents_with_lz4_and_indexes_the_units_vital_signs_read()
    {
        var server = await PostgresServer.SharedAsync();
        await using var database = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("schema"));
        var store = new PostgresCaseViewStore(database);
        await store.ReadCheckpointAsync(default); // creates the tables
        await new PostgresCaseViewStore(database).ReadCheckpointAsync(default); // and a second silo's start changes nothing

        await using var compression = database.CreateCommand(
            "select string_agg(attname || '=' || attcompression::text, ',' order by attname) from pg_attribute where attrelid = 'case_view'::regclass and attname in ('state', 'view')");
        (await compression.ExecuteScalarAsync()).ShouldBe("state=l,view=l");
        await using var indexes = database.CreateCommand(
            "select string_agg(indexname, ',' order by indexname) from pg_indexes where tablename = 'case_view' and indexname in ('case_view_grid', 'case_view_community')");
        (await indexes.ExecuteScalarAsync()).ShouldBe("case_view_community,case_view_grid");
    }
}
