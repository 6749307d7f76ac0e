using Orleans.Providers;

namespace CityActors.LoadTests.Grains;

/// <summary>Persists its state through the silo's default grain storage: our group-committed PostgresGrainStorage in clustered mode.</summary>
public sealed class WriterGrain([PersistentState("writer", ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<WriterState> state)
    : Grain, IWriterGrain
{
    public async Task<int> Write(int value)
    {
        state.State.Value = value;
        state.State.Writes++;
        await state.WriteStateAsync();
        return state.State.Writes;
    }
}
