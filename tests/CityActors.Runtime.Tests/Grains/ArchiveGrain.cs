namespace CityActors.Runtime.Tests.Grains;

public interface IArchiveGrain : IGrainWithStringKey
{
    Task<int> Count();
}

/// <summary>Uses the named storage "archive", which the standard test silo registers and a misconfigured one lacks.</summary>
public sealed class ArchiveGrain([PersistentState("entries", "archive")] IPersistentState<List<string>> entries) : Grain, IArchiveGrain
{
    public Task<int> Count() => Task.FromResult(entries.State.Count);
}
