using Orleans;
using Orleans.Runtime;

namespace CityActors.PostgreSql.Tests.Storage;

public interface IParcelGrain : IGrainWithStringKey
{
    Task TagAsync(string tag);

    Task<string[]> GetTagsAsync();
}

/// <summary>A grain keeping its state in the PostgreSQL storage registered as "pg".</summary>
public sealed class ParcelGrain([PersistentState("parcel", StorageHost.ProviderName)] IPersistentState<ParcelState> parcel) : Grain, IParcelGrain
{
    public async Task TagAsync(string tag)
    {
        parcel.State.Tags.Add(tag);
        parcel.State.Count++;
        await parcel.WriteStateAsync();
    }

    public Task<string[]> GetTagsAsync() => Task.FromResult(parcel.State.Tags.ToArray());
}
