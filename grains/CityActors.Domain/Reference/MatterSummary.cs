using CityActors.Domain.Calendar;
using CityActors.Domain.Matters;

namespace CityActors.Domain.Reference;

/// <summary>A catalogue matter (事项) as front-ends see it, with its time limit per urgency and stage.</summary>
public sealed record MatterSummary(
    string Code,
    string NameZh,
    string NameEn,
    MatterKind Kind,
    string MajorClass,
    string MinorClass,
    IReadOnlyList<MatterLimit> Limits);

/// <summary>How long a stage may take at an urgency.</summary>
public sealed record MatterLimit(Urgency Urgency, CaseStage Stage, TimeSpan Duration, TimeMode Mode);
