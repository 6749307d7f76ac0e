using Orleans.Runtime;

namespace CityActors.PostgreSql.Storage;

/// <summary>The primary key of one grain_state row: which grain, and which of its named states.</summary>
internal readonly record struct GrainStateKey(string GrainType, string GrainKey, string StateName)
{
    public static GrainStateKey Of(GrainId grainId, string stateName) => new(grainId.Type.ToString(), grainId.Key.ToString(), stateName);

    public override string ToString() => $"'{StateName}' of grain {GrainType}/{GrainKey}";
}

/// <summary>Orders keys the same way everywhere, so concurrent statements lock rows in one order and cannot deadlock.</summary>
internal sealed class GrainStateKeyOrder : IComparer<GrainStateKey>
{
    public static readonly GrainStateKeyOrder Instance = new();

    public int Compare(GrainStateKey x, GrainStateKey y)
    {
        var type = string.CompareOrdinal(x.GrainType, y.GrainType);
        if (type != 0)
        {
            return type;
        }

        var key = string.CompareOrdinal(x.GrainKey, y.GrainKey);
        return key != 0 ? key : string.CompareOrdinal(x.StateName, y.StateName);
    }
}
