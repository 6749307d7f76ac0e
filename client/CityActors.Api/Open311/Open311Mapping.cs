using CityActors.Domain.Cases;
using CityActors.Domain.Reference;

namespace CityActors.Api.Open311;

/// <summary>Our matters and cases in GeoReport v2's terms. Reporter data never appears in Open311 output.</summary>
public static class Open311Mapping
{
    /// <summary>Open311 knows open and closed; ended cases (closed, rejected, merged) are closed.</summary>
    public static string StatusOf(CaseStatus status) => status.IsEnded() ? "closed" : "open";

    public static IReadOnlyList<CaseStatus> StatusesOf(string open311Status) =>
        [.. Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.None && StatusOf(s) == open311Status)];

    public static Open311Fields Service(MatterSummary matter) => new()
    {
        { "service_code", matter.Code },
        { "service_name", matter.NameEn },
        { "description", $"{matter.NameEn} ({matter.NameZh})" },
        { "metadata", false },
        { "type", "realtime" },
        { "keywords", string.Join(",", new[] { matter.MajorClass, matter.MinorClass }.Where(k => !string.IsNullOrWhiteSpace(k))) },
        { "group", matter.MajorClass },
    };

    public static Open311Fields Definition(MatterSummary matter) => new()
    {
        { "service_code", matter.Code },
        { "attributes", Array.Empty<Open311Fields>() },
    };

    public static Open311Fields Request(CaseView view, string? serviceName, bool extensions)
    {
        var fields = new Open311Fields
        {
            { "service_request_id", view.Id },
            { "status", StatusOf(view.Status) },
            { "status_notes", StatusNotes(view) },
            { "service_name", serviceName },
            { "service_code", view.MatterCode },
            { "description", view.Description },
            { "agency_responsible", view.Lead },
            { "service_notice", null },
            { "requested_datetime", view.ReportedAt },
            { "updated_datetime", UpdatedAt(view) },
            { "expected_datetime", ExpectedAt(view) },
            { "address", view.Place.Address },
            { "address_id", null },
            { "zipcode", null },
            { "lat", view.Place.Latitude },
            { "long", view.Place.Longitude },
            { "media_url", null },
        };
        if (extensions)
        {
            fields.Add("extended_attributes", new Open311Fields
            {
                { "channel", view.Channel.ToString() },
                { "duplicate_of", view.MergedInto },
                { "detailed_status", view.Status.ToString() },
            });
        }

        return fields;
    }

    private static string StatusNotes(CaseView view) => view.Status switch
    {
        CaseStatus.Reported => "Received; awaiting verification.",
        CaseStatus.Verified => "Verified; awaiting dispatch.",
        CaseStatus.Accepted => "Accepted by the operations centre.",
        CaseStatus.Dispatched => $"Dispatched to {view.Lead}.",
        CaseStatus.Handling => $"Being handled by {view.Lead}.",
        CaseStatus.Handled => "Handled; awaiting inspection.",
        CaseStatus.Closed => "Closed after inspection.",
        CaseStatus.Rejected => "Not accepted.",
        CaseStatus.Merged => $"Duplicate of {view.MergedInto}.",
        _ => view.Status.ToString(),
    };

    private static DateTimeOffset UpdatedAt(CaseView view) =>
        view.ClosedAt ?? view.HandledAt ?? view.FirstDispatchedAt ?? view.AcceptedAt ?? view.VerifiedAt ?? view.ReportedAt;

    /// <summary>When the running SLA clocks say the current stage must be done: the latest of their deadlines.</summary>
    // The city model's expected resolution time when its package ships a model; otherwise the furthest SLA deadline.
    private static DateTimeOffset? ExpectedAt(CaseView view) =>
        view.Status.IsEnded() ? null
        : view.ExpectedResolutionAt is { } expected ? expected
        : !view.Timers.Any(t => !t.IsSupervision) ? null : view.Timers.Where(t => !t.IsSupervision).Max(t => t.DueAt);
}
