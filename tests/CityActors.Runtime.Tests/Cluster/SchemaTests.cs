using CityActors.PostgreSql.Schema;
using CityActors.Runtime.Cluster;

namespace CityActors.Runtime.Tests.Cluster;

public sealed class SchemaTests
{
    [Fact]
    public async Task Migrating_an_empty_database_applies_every_script_once()
    {
        await using var db = await ClusterDatabase.CreateAsync(migrate: false);
        var migrator = new SchemaMigrator(db.Database);

        (await migrator.GetVersionAsync()).ShouldBe(0);
        (await migrator.MigrateAsync()).ShouldBe(SchemaMigrator.AllScripts.Select(s => s.Version).ToList());
        (await migrator.GetVersionAsync()).ShouldBe(SchemaMigrator.LatestVersion);
        (await migrator.MigrateAsync()).ShouldBeEmpty();
        await migrator.EnsureCurrentAsync(apply: false);
    }

    [Fact]
    public async Task An_outdated_schema_is_refused_when_upgrades_are_not_allowed()
    {
        await using var db = await ClusterDatabase.CreateAsync(migrate: false);

        var error = await Should.ThrowAsync<ClusterConfigurationException>(() => new SchemaMigrator(db.Database).EnsureCurrentAsync(apply: false));

        error.Message.ShouldContain($"schema is at version 0 but this silo needs version {SchemaMigrator.LatestVersion}");
        error.Message.ShouldContain("migrate");
    }

    [Fact]
    public async Task A_schema_newer_than_the_build_is_refused()
    {
        await using var db = await ClusterDatabase.CreateAsync();
        await db.ScalarAsync("insert into cityactors_schema (version, name) values (999, 'from_the_future') returning version");

        var error = await Should.ThrowAsync<ClusterConfigurationException>(() => new SchemaMigrator(db.Database).MigrateAsync());

        error.Message.ShouldContain($"at version 999, newer than the version {SchemaMigrator.LatestVersion}");
    }

    [Fact]
    public async Task An_unreachable_database_is_reported_with_its_address_and_no_password()
    {
        await using var database = PostgreSql.Storage.PostgresDatabase.Create("Host=127.0.0.1;Port=1;Database=nowhere;Username=silo;Password=secret;Timeout=2");

        var error = await Should.ThrowAsync<ClusterConfigurationException>(() => new SchemaMigrator(database).EnsureCurrentAsync(apply: true));

        error.Message.ShouldContain("Cannot reach the cluster database (host 127.0.0.1, port 1, database nowhere, user silo)");
        error.Message.ShouldNotContain("secret");
    }

    [Fact]
    public async Task Joining_with_a_different_shard_count_than_the_stored_cluster_fails()
    {
        await using var db = await ClusterDatabase.CreateAsync();
        await db.JoinAndClaimAsync(64);

        var error = await Should.ThrowAsync<ClusterConfigurationException>(
            () => db.Membership.JoinAsync(new SiloInfo(Guid.NewGuid(), "late", "127.0.0.1:2"), 128, default));

        error.Message.ShouldContain("ShardCount is 128 but the cluster stored in this database was created with 64 shards");
    }
}
