using Microsoft.ML.Data;

namespace CityActors.Assist.Duplicates;

/// <summary>
/// What the cases already open near a new one say about it being a duplicate: how many of the same type are close, how
/// close and how recent the nearest is, how alike the texts are. The best candidate is the one a merge would keep.
/// </summary>
internal sealed class DuplicateEvidence
{
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
}
