namespace CityActors.Runtime.Messaging;

/// <summary>
/// What a frame carries. Every frame is [int32 length][byte kind][int64 correlation id][body], little-endian, where
/// length counts everything after itself. Requests and map requests flow from the connecting side; responses, map
/// responses flow back; a cancel names a request the caller gave up on.
/// </summary>
internal enum FrameKind : byte
{
    Request = 1,
    Response = 2,
    Cancel = 3,
    MapRequest = 4,
    MapResponse = 5,

    /// <summary>
    /// The accepting silo is shutting down: the caller sends nothing new on this connection and closes it once every
    /// call on it has been answered; the silo keeps answering until then, so no call is cut off.
    /// </summary>
    GoAway = 6,
}

/// <summary>How a call ended on the remote side.</summary>
internal enum ResponseStatus : byte
{
    /// <summary>Body: the result as JSON.</summary>
    Ok = 0,

    /// <summary>Body: exception type name and message.</summary>
    Error = 1,

    /// <summary>The receiving silo does not own the grain's shard; the caller refreshes its map and retries.</summary>
    NotOwner = 2,
}

internal static class FrameLayout
{
    /// <summary>Bytes before the body: length, kind, correlation id.</summary>
    public const int HeaderSize = 4 + 1 + 8;

    /// <summary>Frames larger than this are refused (a corrupt or hostile peer), not buffered.</summary>
    public const int MaxFrameSize = 64 * 1024 * 1024;
}
