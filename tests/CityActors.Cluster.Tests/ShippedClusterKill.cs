namespace CityActors.Cluster.Tests;

/// <summary>
/// One kill under load (<see cref="KillScenario"/>) on three silos configured as shipped, run once and examined by
/// several tests: starting three silo processes is most of a test's time.
/// </summary>
public sealed class ShippedClusterKill : IAsyncLifetime
{
    public const string Collection = "kill under load, as shipped";

    internal KillResult Result { get; private set; } = null!;

    internal TimeSpan StartedIn { get; private set; }

    /// <summary>The silos' recent output, for failure messages.</summary>
    internal string Logs { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await using var cluster = await SiloCluster.StartAsync(3);
        Result = await KillScenario.RunAsync(cluster, "kill");
        (StartedIn, Logs) = (cluster.StartedIn, cluster.Logs());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(ShippedClusterKill.Collection)]
public sealed class ShippedClusterKillCollection : ICollectionFixture<ShippedClusterKill>;
