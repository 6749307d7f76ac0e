namespace CityActors.LoadTests.Grains;

/// <summary>The smallest useful grain call: one argument in, one result out, state touched.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    ValueTask<int> Ping(int value);

    /// <summary>The silo the activation runs on, so a benchmark can check where its grains landed.</summary>
    ValueTask<SiloAddress> Where();
}
