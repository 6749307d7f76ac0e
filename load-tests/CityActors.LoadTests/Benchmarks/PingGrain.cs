namespace CityActors.LoadTests.Benchmarks;

/// <summary>The smallest useful grain call: one argument in, one result out, state touched.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    ValueTask<int> Ping(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public ValueTask<int> Ping(int value)
    {
        _calls++;
        return ValueTask.FromResult(value + _calls);
    }
}
