namespace CityActors.Journals;

/// <summary>One stored event of a journal. Versions start at 1 and have no gaps; the payload is the event as UTF-8 JSON.</summary>
public sealed record JournalRecord(long Version, DateTimeOffset Timestamp, string EventType, byte[] Payload);
