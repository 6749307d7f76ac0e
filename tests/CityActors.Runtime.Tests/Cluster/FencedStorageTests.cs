using System.Text;
using CityActors.PostgreSql.Storage;

namespace CityActors.Runtime.Tests.Cluster;

/// <summary>Every durable write commits only under the writer's lease epoch and the record's ETag or version.</summary>
public sealed class FencedStorageTests
{
    private const int Shards = 16;

    [Fact]
    public async Task State_writes_check_the_etag_and_the_lease_epoch_together()
    {
        await using var db = await ClusterDatabase.CreateAsync();
        var grain = new GrainId("counter", "a");
        var shard = grain.GetShard(Shards);
        var (owner, epochs) = await db.JoinAndClaimAsync(Shards, shard);
        var fence = new FencingToken(shard, epochs[shard]);
        var storage = new PostgresGrainStorage(db.Database);

        (await storage.ReadAsync("count", grain, default)).ShouldBeNull();
        var etag = await storage.WriteAsync("count", grain, Json("{\"value\":1}"), null, fence, default);
        await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteAsync("count", grain, Json("{\"value\":9}"), null, fence, default));
        etag = await storage.WriteAsync("count", grain, Json("{\"value\":2}"), etag, fence, default);
        var stored = await storage.ReadAsync("count", grain, default);
        stored!.ETag.ShouldBe(etag);
        Encoding.UTF8.GetString(stored.Data).ShouldBe("{\"value\": 2}");

        // Another silo takes the shard over: the old owner's next write must not commit, whatever its ETag.
        await db.Membership.ReleaseAsync(owner, [shard], default);
        var (_, newEpochs) = await db.JoinAndClaimAsync(Shards, shard);
        newEpochs[shard].ShouldBe(fence.Epoch + 1);
        var error = await Should.ThrowAsync<ShardOwnershipLostException>(() => storage.WriteAsync("count", grain, Json("{\"value\":3}"), etag, fence, default));
        error.Message.ShouldContain($"no longer owns shard {shard} at epoch {fence.Epoch}");
        await Should.ThrowAsync<ShardOwnershipLostException>(() => storage.ClearAsync("count", grain, etag, fence, default));
        Encoding.UTF8.GetString((await storage.ReadAsync("count", grain, default))!.Data).ShouldBe("{\"value\": 2}");

        var newFence = new FencingToken(shard, newEpochs[shard]);
        await storage.WriteAsync("count", grain, Json("{\"value\":3}"), etag, newFence, default);
    }

    [Fact]
    public async Task Clearing_state_checks_the_etag()
    {
        await using var db = await ClusterDatabase.CreateAsync();
        var grain = new GrainId("counter", "b");
        var shard = grain.GetShard(Shards);
        var (_, epochs) = await db.JoinAndClaimAsync(Shards, shard);
        var fence = new FencingToken(shard, epochs[shard]);
        var storage = new PostgresGrainStorage(db.Database);
        var etag = await storage.WriteAsync("s", grain, Json("{}"), null, fence, default);

        await Should.ThrowAsync<InconsistentStateException>(() => storage.ClearAsync("s", grain, "999", fence, default));
        await storage.ClearAsync("s", grain, etag, fence, default);
        (await storage.ReadAsync("s", grain, default)).ShouldBeNull();
        await storage.ClearAsync("s", grain, null, fence, default);
    }

    [Fact]
    public async Task An_expired_lease_fences_writes_even_before_anyone_claims_the_shard()
    {
        await using var db = await ClusterDatabase.CreateAsync();
        var grain = new GrainId("counter", "c");
        var shard = grain.GetShard(Shards);
        var (_, epochs) = await db.JoinAndClaimAsync(Shards, shard);
        await db.ScalarAsync($"update shard_lease set expires_at = now() where shard = {shard} returning shard");

        await Should.ThrowAsync<ShardOwnershipLostException>(
            () => new PostgresGrainStorage(db.Database).WriteAsync("s", grain, Json("{}"), null, new FencingToken(shard, epochs[shard]), default));
        (await db.ScalarAsync("select count(*) from grain_state")).ShouldBe(0);
    }

    [Fact]
    public async Task Journal_appends_are_atomic_versioned_and_fenced()
    {
        await using var db = await ClusterDatabase.CreateAsync();
        var grain = new GrainId("case", "42");
        var shard = grain.GetShard(Shards);
        var (owner, epochs) = await db.JoinAndClaimAsync(Shards, shard);
        var fence = new FencingToken(shard, epochs[shard]);
        var journal = new PostgresJournalStorage(db.Database, TimeProvider.System);
        var at = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

        await journal.AppendAsync(grain, 0, [Event(1, at, "Reported"), Event(2, at, "Verified")], fence, default);
        await Should.ThrowAsync<InconsistentStateException>(() => journal.AppendAsync(grain, 1, [Event(2, at, "Accepted")], fence, default));
        await journal.AppendAsync(grain, 2, [Event(3, at.AddMinutes(1), "Accepted")], fence, default);
        await journal.WriteSnapshotAsync(grain, new JournalSnapshot(2, Encoding.UTF8.GetBytes("{\"stage\":\"verified\"}")), fence, default);

        var events = await journal.ReadAsync(grain, 1, default);
        events.Select(e => (e.Version, e.EventType)).ShouldBe([(2L, "Verified"), (3L, "Accepted")]);
        events[1].Timestamp.ShouldBe(at.AddMinutes(1));
        (await journal.ReadSnapshotAsync(grain, default))!.Version.ShouldBe(2);

        await db.Membership.ReleaseAsync(owner, [shard], default);
        await db.JoinAndClaimAsync(Shards, shard);
        await Should.ThrowAsync<ShardOwnershipLostException>(() => journal.AppendAsync(grain, 3, [Event(4, at, "Dispatched")], fence, default));
        await Should.ThrowAsync<ShardOwnershipLostException>(
            () => journal.WriteSnapshotAsync(grain, new JournalSnapshot(3, Encoding.UTF8.GetBytes("{}")), fence, default));
        (await journal.ReadAsync(grain, 0, default)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Reminders_are_stored_per_shard_with_versions_and_fencing()
    {
        await using var db = await ClusterDatabase.CreateAsync();
        var grain = new GrainId("case", "7");
        var shard = grain.GetShard(Shards);
        var (owner, epochs) = await db.JoinAndClaimAsync(Shards, shard);
        var fence = new FencingToken(shard, epochs[shard]);
        var table = new PostgresReminderTable(db.Database);
        var first = new DateTimeOffset(2026, 11, 21, 9, 0, 0, 250, TimeSpan.Zero);
        var entry = new ReminderEntry(grain, "overdue", first, TimeSpan.FromMilliseconds(1500), first, null);

        var etag = await table.UpsertAsync(entry, fence, default);
        var stored = await table.ReadAsync(grain, "overdue", default);
        stored.ShouldBe(entry with { ETag = etag });
        (await table.ReadDueAsync(Shards, new HashSet<int> { shard }, DateTimeOffset.MinValue, first.AddMilliseconds(1), default)).Count.ShouldBe(1);
        (await table.ReadDueAsync(Shards, new HashSet<int> { shard }, DateTimeOffset.MinValue, first, default)).ShouldBeEmpty();
        (await table.ReadDueAsync(Shards, new HashSet<int> { (shard + 1) % Shards }, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, default)).ShouldBeEmpty();

        var advanced = entry with { NextDue = first.AddMilliseconds(1500) };
        var next = await table.TryUpdateAsync(advanced, etag, fence, default);
        next.ShouldNotBeNull();
        (await table.TryUpdateAsync(advanced, etag, fence, default)).ShouldBeNull();
        (await table.RemoveAsync(grain, "overdue", etag, fence, default)).ShouldBeFalse();

        await db.Membership.ReleaseAsync(owner, [shard], default);
        var (_, newEpochs) = await db.JoinAndClaimAsync(Shards, shard);
        await Should.ThrowAsync<ShardOwnershipLostException>(() => table.UpsertAsync(entry, fence, default));
        await Should.ThrowAsync<ShardOwnershipLostException>(() => table.RemoveAsync(grain, "overdue", null, fence, default));
        (await table.RemoveAsync(grain, "overdue", next, new FencingToken(shard, newEpochs[shard]), default)).ShouldBeTrue();
        (await table.ReadAsync(grain, default)).ShouldBeEmpty();
    }

    private static ReadOnlyMemory<byte> Json(string json) => Encoding.UTF8.GetBytes(json);

    private static JournalRecord Event(long version, DateTimeOffset at, string type) =>
        new(version, at, type, Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\"}}"));
}
