using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CityActors;

/// <summary>
/// The identity of a grain: its type (from the grain interface) and a string key. The stable hash is computed once,
/// so dictionary lookups and shard placement never rehash the strings.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>, ISpanFormattable
{
    private const char Separator = '/';

    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        if (type.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Grain type '{type}' must not contain '{Separator}'.", nameof(type));
        }

        Type = type;
        Key = key;
        StableHash = CityActors.StableHash.Compute(string.Concat(type, "/", key));
    }

    public string Type { get; }

    public string Key { get; }

    /// <summary>xxHash32 of "type/key": the same value in every process and version.</summary>
    public uint StableHash { get; }

    public bool IsDefault => Type is null;

    public static GrainId Create(string type, Guid key) => new(type, key.ToString("N", CultureInfo.InvariantCulture));

    public static GrainId Create(string type, long key) => new(type, key.ToString(CultureInfo.InvariantCulture));

    /// <summary>Parses the "type/key" form produced by <see cref="ToString()"/>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var id)
            ? id
            : throw new FormatException($"'{value}' is not a grain id; expected 'type/key'.");
    }

    public static bool TryParse(string? value, out GrainId id)
    {
        var index = value?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        if (index <= 0)
        {
            id = default;
            return false;
        }

        id = new GrainId(value![..index], value[(index + 1)..]);
        return true;
    }

    /// <summary>The shard this grain belongs to in a cluster of <paramref name="shardCount"/> shards.</summary>
    public int GetShard(int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardCount);
        return (int)(StableHash % (uint)shardCount);
    }

    public bool Equals(GrainId other) =>
        StableHash == other.StableHash
        && string.Equals(Key, other.Key, StringComparison.Ordinal)
        && string.Equals(Type, other.Type, StringComparison.Ordinal);

    public override bool Equals([NotNullWhen(true)] object? obj) => obj is GrainId other && Equals(other);

    public override int GetHashCode() => (int)StableHash;

    public override string ToString() => IsDefault ? string.Empty : string.Concat(Type, "/", Key);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"{Type}/{Key}", out charsWritten);

    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);
}
