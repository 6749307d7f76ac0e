namespace CityActors.PostgreSql.Storage;

/// <summary>A grain_state row as read: its version and JSON, or null JSON for a cleared state (a tombstone).</summary>
internal sealed record StoredState(long Version, string? Json);

/// <summary>
/// What a write or clear did: <see cref="Written"/> is the row's new version, or null when the ETag did not match and
/// nothing was written; <see cref="Stored"/> is then the version the row had (null: no row), for the error message.
/// </summary>
internal readonly record struct StateWriteOutcome(long? Written, long? Stored);
