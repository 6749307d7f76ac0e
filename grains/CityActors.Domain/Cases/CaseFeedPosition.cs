using System.Globalization;

namespace CityActors.Domain.Cases;

/// <summary>How a place in the case feed is written for readers ("transaction:sequence", an SSE event id).</summary>
public static class CaseFeedPosition
{
    public static string Format(long transaction, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{transaction}:{sequence}");

    public static bool TryParse(string? text, out long transaction, out long sequence)
    {
        (transaction, sequence) = (0, 0);
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0
            && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out transaction)
            && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    public static string Describe(string? text) =>
        $"'{text}' is not a feed position (transaction:sequence, as a previous event's id).";
}
