using System.Text.Json;
using CityActors.PostgreSql.Storage;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace CityActors.PostgreSql.Tests.Storage;

public sealed class PostgresGrainStorageTests : IAsyncLifetime
{
    private const string StateName = "parcel";

    private MigratedDatabase _database = null!;
    private StorageHost _silo = null!;

    private IGrainStorage Storage => _silo.Storage;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync("storage");
        _silo = StorageHost.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_written_state_reads_back_with_its_etag()
    {
        var written = new GrainState<ParcelState>(new ParcelState { Owner = "ann", Count = 3, Tags = ["a", "b"] });
        await Storage.WriteStateAsync(StateName, Parcel("p1"), written);

        written.ETag.ShouldBe("1");
        written.RecordExists.ShouldBeTrue();
        var read = await ReadAsync<ParcelState>(Parcel("p1"));
        read.RecordExists.ShouldBeTrue();
        read.ETag.ShouldBe("1");
        read.State!.Owner.ShouldBe("ann");
        read.State.Count.ShouldBe(3);
        read.State.Tags.ShouldBe(["a", "b"]);
        (await _database.ScalarAsync<string>("select data->>'owner' from grain_state where grain_key = 'p1' and state_name = $1", StateName))
            .ShouldBe("ann");
    }

    [Fact]
    public async Task Every_write_moves_the_etag_on_and_each_state_name_is_its_own_record()
    {
        var id = Parcel("p1");
        var parcel = new GrainState<ParcelState>(new ParcelState { Count = 1 });
        await Storage.WriteStateAsync(StateName, id, parcel);
        parcel.State!.Count = 2;
        await Storage.WriteStateAsync(StateName, id, parcel);
        await Storage.WriteStateAsync("audit", id, new GrainState<ParcelState>(new ParcelState { Count = 100 }));

        parcel.ETag.ShouldBe("2");
        (await ReadAsync<ParcelState>(id)).State!.Count.ShouldBe(2);
        (await ReadAsync<ParcelState>(id, "audit")).State!.Count.ShouldBe(100);
    }

    [Fact]
    public async Task A_state_never_written_reads_as_a_fresh_state_without_record_or_etag()
    {
        var read = await ReadAsync<ParcelState>(Parcel("nobody"));

        read.RecordExists.ShouldBeFalse();
        read.ETag.ShouldBeNull();
        read.State.ShouldNotBeNull();
        read.State.Owner.ShouldBe("");
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var id = Parcel("p1");
        var current = new GrainState<ParcelState>(new ParcelState { Count = 1 });
        await Storage.WriteStateAsync(StateName, id, current);
        var stale = new GrainState<ParcelState>(new ParcelState { Count = 99 }, current.ETag);
        current.State!.Count = 2;
        await Storage.WriteStateAsync(StateName, id, current);

        var error = await Should.ThrowAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, stale));

        error.StoredEtag.ShouldBe("2");
        error.CurrentEtag.ShouldBe("1");
        stale.ETag.ShouldBe("1");
        var read = await ReadAsync<ParcelState>(id);
        read.State!.Count.ShouldBe(2);
        read.ETag.ShouldBe("2");
    }

    [Fact]
    public async Task A_write_without_etag_cannot_overwrite_an_existing_record()
    {
        var id = Parcel("p1");
        await Storage.WriteStateAsync(StateName, id, new GrainState<ParcelState>(new ParcelState { Owner = "first" }));

        await Should.ThrowAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, id, new GrainState<ParcelState>(new ParcelState { Owner = "second" })));

        (await ReadAsync<ParcelState>(id)).State!.Owner.ShouldBe("first");
    }

    [Fact]
    public async Task A_write_with_an_etag_cannot_create_a_record_that_does_not_exist()
    {
        var error = await Should.ThrowAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, Parcel("p1"), new GrainState<ParcelState>(new ParcelState(), "5")));

        error.StoredEtag.ShouldBeNull();
        (await ReadAsync<ParcelState>(Parcel("p1"))).RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task An_etag_this_storage_did_not_issue_is_refused()
    {
        await Should.ThrowAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, Parcel("p1"), new GrainState<ParcelState>(new ParcelState(), "W/\"abc\"")));
    }

    [Fact]
    public async Task Of_two_silos_racing_to_write_a_new_grain_first_exactly_one_wins()
    {
        await using var otherSilo = StorageHost.Create(_database.ConnectionString);
        var grains = Enumerable.Range(0, 50).Select(i => Parcel($"race-{i}")).ToArray();
        var attempts = grains
            .SelectMany(id => new[] { (Id: id, Storage: _silo.Storage, Owner: "silo-a"), (Id: id, Storage: otherSilo.Storage, Owner: "silo-b") })
            .Select(async attempt =>
            {
                try
                {
                    await attempt.Storage.WriteStateAsync(StateName, attempt.Id, new GrainState<ParcelState>(new ParcelState { Owner = attempt.Owner }));
                    return (attempt.Id, attempt.Owner, Won: true);
                }
                catch (InconsistentStateException)
                {
                    return (attempt.Id, attempt.Owner, Won: false);
                }
            });

        var outcomes = await Task.WhenAll(attempts);

        foreach (var race in outcomes.GroupBy(o => o.Id))
        {
            var winners = race.Where(o => o.Won).ToList();
            winners.Count.ShouldBe(1, $"grain {race.Key}");
            var stored = await ReadAsync<ParcelState>(race.Key);
            stored.State!.Owner.ShouldBe(winners[0].Owner);
            stored.ETag.ShouldBe("1");
        }
    }

    [Fact]
    public async Task In_one_batch_a_stale_write_is_refused_while_the_others_commit()
    {
        var updated = Key("updated");
        var stale = Key("stale");
        var created = Key("created");
        await _database.ExecuteAsync(
            "insert into grain_state (grain_type, grain_key, state_name, version, data) values ('parcel', 'updated', 'parcel', 1, '{\"owner\":\"old\"}'), ('parcel', 'stale', 'parcel', 2, '{\"owner\":\"current\"}')");
        PendingStateWrite[] batch =
        [
            new(updated, 1, """{"owner":"new"}""", default),
            new(stale, 1, """{"owner":"lost"}""", default),
            new(created, null, """{"owner":"first"}""", default),
        ];

        await StateWriteBatcher.ExecuteAsync(_database.DataSource, batch);

        (await batch[0].Answer).ShouldBe(new StateWriteOutcome(2, 1));
        (await batch[1].Answer).ShouldBe(new StateWriteOutcome(null, 2));
        (await batch[2].Answer).ShouldBe(new StateWriteOutcome(1, null));
        (await OwnerAsync("updated")).ShouldBe("new");
        (await OwnerAsync("stale")).ShouldBe("current");
        (await OwnerAsync("created")).ShouldBe("first");
    }

    [Fact]
    public async Task Among_many_concurrent_writers_only_the_one_with_a_stale_etag_fails()
    {
        var grains = Enumerable.Range(0, 200).Select(i => Parcel($"p{i}")).ToArray();
        var states = grains.Select(_ => new GrainState<ParcelState>(new ParcelState())).ToArray();
        await Task.WhenAll(grains.Select((id, i) => Storage.WriteStateAsync(StateName, id, states[i])));
        var staleIndex = 77;
        var staleState = new GrainState<ParcelState>(new ParcelState { Owner = "stale" }, "7");
        foreach (var state in states)
        {
            state.State!.Owner = "second";
        }

        var writes = grains
            .Select((id, i) => i == staleIndex ? Storage.WriteStateAsync(StateName, id, staleState) : Storage.WriteStateAsync(StateName, id, states[i]))
            .ToArray();
        await Should.ThrowAsync<InconsistentStateException>(() => Task.WhenAll(writes));

        writes.Count(w => w.IsFaulted).ShouldBe(1);
        writes[staleIndex].Exception!.InnerException.ShouldBeOfType<InconsistentStateException>();
        (await ReadAsync<ParcelState>(grains[staleIndex])).State!.Owner.ShouldBe("");
        (await _database.ScalarAsync<long>("select count(*) from grain_state where data->>'owner' = 'second' and version = 2")).ShouldBe(199);
    }

    [Fact]
    public async Task A_state_the_database_rejects_fails_alone_among_concurrent_writers()
    {
        // jsonb cannot hold a NUL character: PostgreSQL refuses the whole statement that carries it.
        var grains = Enumerable.Range(0, 100).Select(i => Parcel($"p{i}")).ToArray();
        var writes = grains
            .Select((id, i) => Storage.WriteStateAsync(StateName, id, new GrainState<ParcelState>(new ParcelState { Owner = i == 13 ? "a\0b" : "fine" })))
            .ToArray();

        await Should.ThrowAsync<Npgsql.PostgresException>(() => Task.WhenAll(writes));

        writes.Count(w => w.IsFaulted).ShouldBe(1);
        writes[13].IsFaulted.ShouldBeTrue();
        (await _database.ScalarAsync<long>("select count(*) from grain_state where data->>'owner' = 'fine'")).ShouldBe(99);
    }

    [Fact]
    public async Task Clearing_leaves_no_record_and_refuses_every_writer_still_holding_an_older_etag()
    {
        var id = Parcel("p1");
        var state = new GrainState<ParcelState>(new ParcelState { Owner = "ann" });
        await Storage.WriteStateAsync(StateName, id, state);
        var heldBeforeClear = new GrainState<ParcelState>(new ParcelState { Owner = "stale" }, state.ETag);

        await Storage.ClearStateAsync(StateName, id, state);

        state.RecordExists.ShouldBeFalse();
        state.State!.Owner.ShouldBe("");
        state.ETag.ShouldBe("2");
        var read = await ReadAsync<ParcelState>(id);
        read.RecordExists.ShouldBeFalse();
        read.State!.Owner.ShouldBe("");
        read.ETag.ShouldBe("2");
        await Should.ThrowAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, heldBeforeClear));
        await Should.ThrowAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, id, new GrainState<ParcelState>(new ParcelState { Owner = "newcomer" })));

        state.State.Owner = "bob";
        await Storage.WriteStateAsync(StateName, id, state);

        state.ETag.ShouldBe("3");
        (await ReadAsync<ParcelState>(id)).State!.Owner.ShouldBe("bob");
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_is_refused_and_the_record_stays()
    {
        var id = Parcel("p1");
        var state = new GrainState<ParcelState>(new ParcelState { Owner = "ann" });
        await Storage.WriteStateAsync(StateName, id, state);
        var stale = new GrainState<ParcelState>(new ParcelState(), state.ETag);
        await Storage.WriteStateAsync(StateName, id, state);

        await Should.ThrowAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, id, stale));

        (await ReadAsync<ParcelState>(id)).State!.Owner.ShouldBe("ann");
    }

    [Fact]
    public async Task Clearing_a_state_never_written_succeeds()
    {
        var state = new GrainState<ParcelState>(new ParcelState { Owner = "unsaved" });

        await Storage.ClearStateAsync(StateName, Parcel("p1"), state);

        state.RecordExists.ShouldBeFalse();
        state.State!.Owner.ShouldBe("");
        (await ReadAsync<ParcelState>(Parcel("p1"))).RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task State_written_by_an_older_version_of_the_code_stays_readable()
    {
        // As an older build might have stored it: other casing, a property this build no longer has.
        await _database.ExecuteAsync(
            "insert into grain_state (grain_type, grain_key, state_name, version, data) values ('parcel', 'old', 'parcel', 4, '{\"Owner\":\"ann\",\"Count\":3,\"Tags\":[\"a\"]}')");

        var read = await ReadAsync<ParcelStateV2>(Parcel("old"));

        read.RecordExists.ShouldBeTrue();
        read.ETag.ShouldBe("4");
        read.State!.Owner.ShouldBe("ann");
        read.State.Tags.ShouldBe(["a"]);
        read.State.District.ShouldBe("unknown");
    }

    [Fact]
    public async Task The_json_serializer_options_are_configurable()
    {
        await using var snakeCase = StorageHost.Create(_database.ConnectionString, o => o.JsonSerializerOptions = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        var state = new GrainState<ParcelStateV2>(new ParcelStateV2 { Owner = "ann", District = "north" });

        await snakeCase.Storage.WriteStateAsync("survey", Parcel("p1"), state);

        (await _database.ScalarAsync<string>("select data->>'district' from grain_state where state_name = 'survey'")).ShouldBe("north");
        (await _database.ScalarAsync<bool>("select data ? 'owner' from grain_state where state_name = 'survey'")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_write_cancelled_before_it_is_batched_writes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(
            () => Storage.WriteStateAsync(StateName, Parcel("p1"), new GrainState<ParcelState>(new ParcelState()), cancelled.Token));

        (await ReadAsync<ParcelState>(Parcel("p1"))).RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task A_thousand_concurrent_callers_share_a_handful_of_connections()
    {
        // The test server's connection string allows a pool of 100; batching must keep far below it.
        const string application = "storage-under-load";
        var options = new PostgresGrainStorageOptions();
        await using var silo = StorageHost.Create(_database.ConnectionStringFor(application));
        var grains = Enumerable.Range(0, 1000).Select(i => Parcel($"load-{i}")).ToArray();

        await Task.WhenAll(grains.Select(id => silo.Storage.WriteStateAsync(StateName, id, new GrainState<ParcelState>(new ParcelState { Owner = id.Key.ToString()! }))));
        var reads = await Task.WhenAll(grains.Select(async id =>
        {
            var state = new GrainState<ParcelState>();
            await silo.Storage.ReadStateAsync(StateName, id, state);
            return state;
        }));

        reads.Select(r => r.State!.Owner).ShouldBe(grains.Select(g => g.Key.ToString()));
        // Connections the pool opened stay open (idle) after the run, so this counts the most it ever used.
        (await _database.ConnectionCountAsync(application)).ShouldBeLessThanOrEqualTo(options.ConcurrentWriteBatches + options.ConcurrentReadBatches);
    }

    private static GrainId Parcel(string key) => GrainId.Create("parcel", key);

    private static GrainStateKey Key(string key) => GrainStateKey.Of(Parcel(key), StateName);

    private async Task<GrainState<T>> ReadAsync<T>(GrainId id, string stateName = StateName)
    {
        var state = new GrainState<T>();
        await Storage.ReadStateAsync(stateName, id, state);
        return state;
    }

    private Task<string> OwnerAsync(string key) =>
        _database.ScalarAsync<string>("select data->>'owner' from grain_state where grain_key = $1", key);
}
