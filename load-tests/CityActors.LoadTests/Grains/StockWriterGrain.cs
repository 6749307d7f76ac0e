using CityActors.LoadTests.Baselines;

namespace CityActors.LoadTests.Grains;

/// <summary>Persists its state through Orleans' stock AdoNet grain storage (provider <see cref="StockAdoNetStorage.ProviderName"/>).</summary>
public sealed class StockWriterGrain([PersistentState("writer", StockAdoNetStorage.ProviderName)] IPersistentState<WriterState> state)
    : Grain, IStockWriterGrain
{
    public async Task<int> Write(int value)
    {
        state.State.Value = value;
        state.State.Writes++;
        await state.WriteStateAsync();
        return state.State.Writes;
    }
}
