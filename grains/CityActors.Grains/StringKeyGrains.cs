namespace CityActors.Grains;

/// <summary>
/// References to grains of one interface by string key for hot loops: <c>GetGrain&lt;T&gt;(key)</c> resolves the grain
/// type from the interface's attributes by reflection on every call (an eighth of the sensor ingest's CPU), so the
/// type is resolved once and each reference is made from it. Safe to share between threads: the resolved type is one
/// reference, written whole.
/// </summary>
internal sealed class StringKeyGrains<TGrain>(IGrainFactory factory)
    where TGrain : IGrainWithStringKey
{
    private ResolvedType? _type;

    public TGrain Get(string key)
    {
        if (Volatile.Read(ref _type) is { } type)
        {
            return (TGrain)factory.GetGrain(GrainId.Create(type.Grain, key), type.Interface);
        }

        var first = factory.GetGrain<TGrain>(key);
        var reference = (GrainReference)(object)first;
        Volatile.Write(ref _type, new ResolvedType(reference.GrainId.Type, reference.InterfaceType));
        return first;
    }

    private sealed record ResolvedType(GrainType Grain, GrainInterfaceType Interface);
}
