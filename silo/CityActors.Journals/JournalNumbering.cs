namespace CityActors.Journals;

/// <summary>Rules every journal implementation shares for the records of one append.</summary>
public static class JournalNumbering
{
    /// <exception cref="ArgumentException">The records are not numbered <paramref name="expectedVersion"/> + 1 onwards.</exception>
    public static void Check(long expectedVersion, IReadOnlyList<JournalRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Version != expectedVersion + i + 1)
            {
                throw new ArgumentException(
                    $"Journal records must be numbered {expectedVersion + 1}..{expectedVersion + records.Count}; record {i} has version {records[i].Version}.",
                    nameof(records));
            }
        }
    }

    /// <summary>
    /// True when <paramref name="stored"/> (the journal from version 1) already holds exactly <paramref name="records"/>
    /// after <paramref name="expectedVersion"/>: a retried append whose first attempt committed.
    /// </summary>
    public static bool AlreadyHolds(IReadOnlyList<JournalRecord> stored, long expectedVersion, IReadOnlyList<JournalRecord> records)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(records);
        if (stored.Count < expectedVersion + records.Count)
        {
            return false;
        }

        for (var i = 0; i < records.Count; i++)
        {
            var existing = stored[(int)expectedVersion + i];
            if (existing.EventType != records[i].EventType || !existing.Payload.AsSpan().SequenceEqual(records[i].Payload))
            {
                return false;
            }
        }

        return true;
    }
}
