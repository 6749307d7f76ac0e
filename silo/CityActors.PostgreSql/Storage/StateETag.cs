using System.Globalization;
using Orleans.Storage;

namespace CityActors.PostgreSql.Storage;

/// <summary>ETags of grain_state rows: the row's version as a decimal number.</summary>
internal static class StateETag
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The version an ETag names; null for no ETag (the caller believes there is no record).</summary>
    /// <exception cref="InconsistentStateException">The ETag was not issued by this storage.</exception>
    public static long? Parse(string? etag, GrainStateKey key)
    {
        if (etag is null)
        {
            return null;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new InconsistentStateException($"State {key} carries ETag '{etag}', which this storage did not issue.", null, etag);
    }
}
