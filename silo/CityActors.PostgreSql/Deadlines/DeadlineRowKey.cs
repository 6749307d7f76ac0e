using CityActors.Deadlines;

namespace CityActors.PostgreSql.Deadlines;

/// <summary>A deadline's primary key as stored: the grain id's type and key as text, and the name. Ordinal order is the lock order.</summary>
internal readonly record struct DeadlineRowKey(string Type, string Key, string Name) : IComparable<DeadlineRowKey>
{
    public DeadlineRowKey(DeadlineKey key)
        : this(key.Grain.Type.ToString()!, key.Grain.Key.ToString()!, key.Name)
    {
    }

    public int CompareTo(DeadlineRowKey other)
    {
        var byType = string.CompareOrdinal(Type, other.Type);
        if (byType != 0)
        {
            return byType;
        }

        var byKey = string.CompareOrdinal(Key, other.Key);
        return byKey != 0 ? byKey : string.CompareOrdinal(Name, other.Name);
    }
}
