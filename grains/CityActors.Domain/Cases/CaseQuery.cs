using CityActors.Domain.Cases;
using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

/// <summary>
/// A list query over the read model; every filter is optional and they combine with AND. Results are newest report
/// first; <see cref="After"/> continues from a previous page's <see cref="CasePage.Next"/>.
/// </summary>
/// <param name="OrgUnit">A district, street, community or grid code (the city's code means everywhere).</param>
/// <param name="Department">Cases ever dispatched to this department.</param>
/// <param name="Statuses">Any of these statuses.</param>
/// <param name="MatterCode">One catalogue matter.</param>
/// <param name="Urgency">One urgency.</param>
/// <param name="Warned">Whether a stage clock is yellow (黄灯) now.</param>
/// <param name="Overdue">Whether a stage clock is red (红灯) now.</param>
/// <param name="Escalated">Whether open work of the case is escalated above its street centre now.</param>
/// <param name="Supervised">Whether a supervision order (督办) is open on the case.</param>
/// <param name="ReportedFrom">Reported at or after.</param>
/// <param name="ReportedTo">Reported before.</param>
/// <param name="Box">Located inside (cases reported by address have no point and never match).</param>
/// <param name="Limit">Page size, 1–1000.</param>
/// <param name="After">The previous page's cursor.</param>
public sealed record CaseQuery(
    string? OrgUnit = null,
    string? Department = null,
    IReadOnlyList<CaseStatus>? Statuses = null,
    string? MatterCode = null,
    Urgency? Urgency = null,
    bool? Warned = null,
    bool? Overdue = null,
    bool? Escalated = null,
    bool? Supervised = null,
    DateTimeOffset? ReportedFrom = null,
    DateTimeOffset? ReportedTo = null,
    BoundingBox? Box = null,
    int Limit = 100,
    string? After = null)
{
    public const int MaxLimit = 1000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad filter.</summary>
    public void Validate()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"Limit must be 1–{MaxLimit}; it is {Limit}.");
        }

        if (ReportedFrom is { } from && ReportedTo is { } to && to < from)
        {
            throw new ArgumentException($"ReportedTo ({to:O}) is before ReportedFrom ({from:O}).");
        }

        if (Box is { } box && (box.MinLongitude > box.MaxLongitude || box.MinLatitude > box.MaxLatitude))
        {
            throw new ArgumentException("The bounding box's west/south corner must not lie east or north of its east/north corner.");
        }

        if (After is not null && !CaseCursor.TryParse(After, out _))
        {
            throw new ArgumentException($"'{After}' is not a cursor from a previous page.");
        }
    }

    public bool Matches(CaseView view) =>
        (OrgUnit is null || KpiScope.Within(view.Place, OrgUnit))
        && (Department is null || view.DispatchedTo.Contains(Department))
        && (Statuses is null || Statuses.Count == 0 || Statuses.Contains(view.Status))
        && (MatterCode is null || view.MatterCode == MatterCode)
        && (Urgency is null || view.Urgency == Urgency)
        && (Warned is null || view.Warned == Warned)
        && (Overdue is null || view.Overdue == Overdue)
        && (Escalated is null || view.Escalated == Escalated)
        && (Supervised is null || view.Supervised == Supervised)
        && (ReportedFrom is null || view.ReportedAt >= ReportedFrom)
        && (ReportedTo is null || view.ReportedAt < ReportedTo)
        && (Box is null || Box.Contains(view.Place.Longitude, view.Place.Latitude));
}
