using CityActors.Grains.Cases;
using CityActors.Journals;

namespace CityActors.Grains.Tests.ReadModel;

/// <summary>The read model contract on the in-memory store (embedded mode).</summary>
public sealed class MemoryCaseReadModelTests : CaseReadModelContract
{
    private protected override async Task<ICaseReadModel> StoreAsync()
    {
        var store = new MemoryCaseViewStore();
        await store.SaveAsync(ReadModelCases.All, FeedPosition.Start, ReadModelCases.Checkpoint, default);
        return store;
    }
}
