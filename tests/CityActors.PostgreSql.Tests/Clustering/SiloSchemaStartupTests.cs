using CityActors.PostgreSql.Hosting;
using CityActors.PostgreSql.Schema;
using CityActors.PostgreSql.Tests.Schema;

namespace CityActors.PostgreSql.Tests.Clustering;

/// <summary>The silo's start-up schema step: it runs before anything reads the database and stops the start when the schema is wrong.</summary>
public sealed class SiloSchemaStartupTests
{
    [Fact]
    public async Task A_silo_refuses_an_outdated_schema_when_upgrading_at_start_is_off()
    {
        var connectionString = await ClusterDatabase.CreateEmptyAsync();
        await using var silo = TestSilo.Create(connectionString, "c1", "a", configuration: new Dictionary<string, string?>
        {
            ["CityActors:PostgreSql:ApplySchema"] = "false",
        });

        var refusal = await Should.ThrowAsync<ClusterConfigurationException>(() => silo.StartAsync());

        refusal.Message.ShouldStartWith($"The cluster database schema is at version 0 but this silo needs version {SchemaMigrator.LatestVersion}.");
        (await ClusterDatabase.ScalarAsync<bool>(connectionString, "select to_regclass('orleansquery') is not null")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_silo_refuses_a_schema_newer_than_its_build_before_membership_touches_the_database()
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        var newer = SchemaMigrator.LatestVersion + 1;
        await ClusterDatabase.ExecuteAsync(connectionString, $"insert into cityactors_schema (version, name) values ({newer}, 'from_a_newer_build')");
        await using var silo = TestSilo.Create(connectionString, "c1", "a");

        var refusal = await Should.ThrowAsync<ClusterConfigurationException>(() => silo.StartAsync());

        refusal.Message.ShouldStartWith($"The cluster database schema is at version {newer}, newer than the version {SchemaMigrator.LatestVersion} this silo knows.");
        (await ClusterDatabase.ScalarAsync<long>(connectionString, "select count(*) from orleans_membership_version")).ShouldBe(0);
    }

    [Fact]
    public async Task A_silo_refuses_an_unreachable_database_naming_it_without_the_password()
    {
        const string password = "pw-Kx27-never-printed";
        var (connectionString, port) = ClusterDatabase.Unreachable(password);
        await using var silo = TestSilo.Create(connectionString, "c1", "a");

        var refusal = await Should.ThrowAsync<ClusterConfigurationException>(() => silo.StartAsync());

        refusal.Message.ShouldStartWith($"Cannot reach the cluster database (host 127.0.0.1, port {port}, database cluster, user silo): ");
        refusal.ToString().ShouldNotContain(password);
    }

    [Fact]
    public void Clustering_and_reminders_on_different_databases_are_refused_when_configured()
    {
        var refusal = Should.Throw<InvalidOperationException>(() => TestSilo.Create(
            "Host=127.0.0.1;Port=5432;Database=cluster_a;Username=silo",
            "c1",
            "a",
            configure: silo => silo.UseCityActorsPostgreSqlReminders("Host=127.0.0.1;Port=5432;Database=cluster_b;Username=silo")));

        refusal.Message.ShouldContain("database cluster_a");
        refusal.Message.ShouldContain("database cluster_b");
    }
}
