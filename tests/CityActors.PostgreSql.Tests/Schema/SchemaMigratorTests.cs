using CityActors.PostgreSql.Schema;
using Npgsql;

namespace CityActors.PostgreSql.Tests.Schema;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task An_empty_database_gets_every_script_and_a_second_run_applies_nothing()
    {
        var connectionString = await ClusterDatabase.CreateEmptyAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new SchemaMigrator(dataSource);

        (await migrator.GetVersionAsync()).ShouldBe(0);
        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        first.ShouldBe(SchemaMigrator.AllScripts.Select(s => s.Version));
        second.ShouldBeEmpty();
        (await migrator.GetVersionAsync()).ShouldBe(SchemaMigrator.LatestVersion);
        (await ClusterDatabase.ScalarAsync<long>(connectionString, "select count(*) from cityactors_schema"))
            .ShouldBe(SchemaMigrator.AllScripts.Count);
        await migrator.EnsureCurrentAsync(apply: false);
    }

    [Fact]
    public async Task Silos_migrating_at_once_apply_each_script_once()
    {
        var connectionString = await ClusterDatabase.CreateEmptyAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new SchemaMigrator(dataSource).MigrateAsync()));

        runs.SelectMany(r => r).OrderBy(v => v).ShouldBe(SchemaMigrator.AllScripts.Select(s => s.Version));
    }

    [Fact]
    public async Task A_script_numbered_below_applied_ones_is_still_applied()
    {
        // The database already records the latest script (as if a build with a gap had migrated it) but lacks the first.
        var connectionString = await ClusterDatabase.CreateEmptyAsync();
        await ClusterDatabase.ExecuteAsync(
            connectionString,
            "create table cityactors_schema (version int primary key, name text not null, applied_at timestamptz not null default now());"
            + $"insert into cityactors_schema (version, name) values ({SchemaMigrator.LatestVersion}, 'applied elsewhere')");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new SchemaMigrator(dataSource);

        var refusal = await Should.ThrowAsync<ClusterConfigurationException>(() => migrator.EnsureCurrentAsync(apply: false));
        var applied = await migrator.MigrateAsync();

        refusal.Message.ShouldContain($"lacks script(s) {SchemaMigrator.AllScripts[0].Name}");
        applied.ShouldBe(SchemaMigrator.AllScripts.Where(s => s.Version != SchemaMigrator.LatestVersion).Select(s => s.Version));
        await migrator.EnsureCurrentAsync(apply: false);
    }

    [Fact]
    public async Task An_outdated_database_is_refused_when_upgrading_is_not_allowed()
    {
        var connectionString = await ClusterDatabase.CreateEmptyAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var refusal = await Should.ThrowAsync<ClusterConfigurationException>(() => new SchemaMigrator(dataSource).EnsureCurrentAsync(apply: false));

        refusal.Message.ShouldBe(
            $"The cluster database schema is at version 0 but this silo needs version {SchemaMigrator.LatestVersion}. "
            + "Run the 'migrate' command of the silo, or set CityActors:PostgreSql:ApplySchema=true to upgrade at start.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_database_newer_than_the_build_is_refused(bool apply)
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        var newer = SchemaMigrator.LatestVersion + 1;
        await ClusterDatabase.ExecuteAsync(connectionString, $"insert into cityactors_schema (version, name) values ({newer}, '{newer:000}_from_a_newer_build')");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var refusal = await Should.ThrowAsync<ClusterConfigurationException>(() => new SchemaMigrator(dataSource).EnsureCurrentAsync(apply));

        refusal.Message.ShouldBe(
            $"The cluster database schema is at version {newer}, newer than the version {SchemaMigrator.LatestVersion} this silo knows. "
            + "Deploy a silo build that matches the database (a newer build upgraded it).");
    }

    [Fact]
    public async Task An_unreachable_database_is_named_without_its_password()
    {
        const string password = "pw-Zq81-never-printed";
        var (connectionString, port) = ClusterDatabase.Unreachable(password);

        var refusal = await Should.ThrowAsync<ClusterConfigurationException>(
            () => SchemaMigrator.MigrateDatabaseAsync(connectionString));

        refusal.Message.ShouldStartWith($"Cannot reach the cluster database (host 127.0.0.1, port {port}, database cluster, user silo): ");
        refusal.Message.ShouldNotContain(password);
        refusal.ToString().ShouldNotContain(password);
    }
}
