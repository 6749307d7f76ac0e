using Microsoft.ML.Data;

namespace CityActors.Assist.Duplicates;

/// <summary>
/// What the cases already open near a new one say about it being a duplicate: how many of the same type are close, how
/// close and how recent the nearest is, how alike the texts are. The best candidate is the one a merge would keep.
/// </summary>
internal sealed class DuplicateEvidence
{
    private const double NearbyMeters = 100;

    public string Type { get; set; } = "";
    public string Channel { get; set; } = "";
    public float SameTypeNearby { get; set; }
    public float SameTypeMeters { get; set; }
    public float SameTypeHours { get; set; }
    public float SameTypeTextSimilarity { get; set; }
    public float OtherTypeNearby { get; set; }
    public float AnyMeters { get; set; }
    public float AnyTextSimilarity { get; set; }
    public bool Label { get; set; }

    [NoColumn]
    public string? BestCandidateId { get; set; }

    /// <summary>The rule intake applies today (an open case of the same type within 50 m reported in the last 24 h): the
    /// baseline the score must beat.</summary>
    [NoColumn]
    public bool MatchesIntakeRule { get; set; }

    public static readonly string[] NumericColumns =
    [
        nameof(SameTypeNearby), nameof(SameTypeMeters), nameof(SameTypeHours), nameof(SameTypeTextSimilarity),
        nameof(OtherTypeNearby), nameof(AnyMeters), nameof(AnyTextSimilarity),
    ];

    /// <summary>Evidence before any candidate is weighed: the nearest case and its age read as twice the search's reach,
    /// so "nothing found" is far, not zero.</summary>
    public static DuplicateEvidence NoneFound(string type, string channel) => new()
    {
        Type = type,
        Channel = channel,
        SameTypeMeters = (float)DuplicateFinder.RadiusMeters * 2,
        SameTypeHours = (float)DuplicateFinder.Window.TotalHours * 2,
        AnyMeters = (float)DuplicateFinder.RadiusMeters * 2,
    };

    /// <summary>Weighs one case open within the search's radius and window before the new one. Candidates must come
    /// oldest first: of two same-type cases equally near, the older stays the best candidate.</summary>
    public void Weigh(string candidateId, bool sameType, double meters, double hours, double textSimilarity)
    {
        AnyMeters = Math.Min(AnyMeters, (float)meters);
        if (meters <= NearbyMeters)
        {
            AnyTextSimilarity = Math.Max(AnyTextSimilarity, (float)textSimilarity);
            OtherTypeNearby += sameType ? 0 : 1;
        }

        if (!sameType)
        {
            return;
        }

        SameTypeNearby += meters <= NearbyMeters ? 1 : 0;
        SameTypeTextSimilarity = Math.Max(SameTypeTextSimilarity, (float)textSimilarity);
        MatchesIntakeRule |= meters <= 50 && hours <= 24;
        if (meters < SameTypeMeters)
        {
            SameTypeMeters = (float)meters;
            SameTypeHours = (float)hours;
            BestCandidateId = candidateId;
        }
    }
}
