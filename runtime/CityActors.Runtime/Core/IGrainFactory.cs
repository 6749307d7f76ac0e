namespace CityActors;

/// <summary>Creates references to grains. References are cheap; calling a method activates the grain where needed.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;

    TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey;

    TGrainInterface GetGrain<TGrainInterface>(long key)
        where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>A reference to an existing identity through any interface its grain class implements (for example <see cref="IRemindable"/>).</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain;
}

/// <summary>Identity helpers for grain references and grain instances alike.</summary>
public static class GrainExtensions
{
    public static GrainId GetGrainId(this IAddressable grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain.GrainId;
    }

    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;

    public static Guid GetPrimaryKey(this IAddressable grain)
    {
        var key = grain.GetGrainId().Key;
        return Guid.TryParseExact(key, "N", out var guid)
            ? guid
            : throw new FormatException($"Key '{key}' of grain {grain.GetGrainId()} is not a Guid key.");
    }

    public static long GetPrimaryKeyLong(this IAddressable grain)
    {
        var key = grain.GetGrainId().Key;
        return long.TryParse(key, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Key '{key}' of grain {grain.GetGrainId()} is not an integer key.");
    }
}
