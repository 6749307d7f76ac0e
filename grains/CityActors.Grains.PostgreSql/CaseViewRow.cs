using System.Text.Json.Serialization;
using CityActors.Domain.Cases;
using CityActors.Grains.Cases;

namespace CityActors.Grains.PostgreSql;

/// <summary>
/// One case_view row as jsonb_to_recordset reads it (<see cref="CaseViewSql.Upsert"/>): the columns the lists and KPIs
/// filter on, taken from the view, and the state and view themselves.
/// </summary>
internal sealed record CaseViewRow(
    [property: JsonPropertyName("case_id")] string CaseId,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("matter")] string Matter,
    [property: JsonPropertyName("urgency")] string Urgency,
    [property: JsonPropertyName("district")] string District,
    [property: JsonPropertyName("street")] string Street,
    [property: JsonPropertyName("community")] string Community,
    [property: JsonPropertyName("grid")] string? Grid,
    [property: JsonPropertyName("longitude")] double? Longitude,
    [property: JsonPropertyName("latitude")] double? Latitude,
    [property: JsonPropertyName("reported_at")] DateTimeOffset ReportedAt,
    [property: JsonPropertyName("reported_ticks")] long ReportedTicks,
    [property: JsonPropertyName("accepted_at")] DateTimeOffset? AcceptedAt,
    [property: JsonPropertyName("first_dispatched_at")] DateTimeOffset? FirstDispatchedAt,
    [property: JsonPropertyName("closed_at")] DateTimeOffset? ClosedAt,
    [property: JsonPropertyName("warned")] bool Warned,
    [property: JsonPropertyName("overdue")] bool Overdue,
    [property: JsonPropertyName("escalation_level")] int EscalationLevel,
    [property: JsonPropertyName("supervised")] bool Supervised,
    [property: JsonPropertyName("ever_overdue")] bool EverOverdue,
    [property: JsonPropertyName("ever_suspended")] bool EverSuspended,
    [property: JsonPropertyName("dispatched_on_time")] bool? DispatchedOnTime,
    [property: JsonPropertyName("returns")] int Returns,
    [property: JsonPropertyName("reworks")] int Reworks,
    [property: JsonPropertyName("extensions_approved")] int ExtensionsApproved,
    [property: JsonPropertyName("satisfaction")] int? Satisfaction,
    [property: JsonPropertyName("dispatched_to")] IReadOnlyList<string> DispatchedTo,
    [property: JsonPropertyName("returned_by")] IReadOnlyList<string> ReturnedBy,
    [property: JsonPropertyName("queue_owners")] IReadOnlyList<string> QueueOwners,
    [property: JsonPropertyName("state")] CaseState State,
    [property: JsonPropertyName("view")] CaseView View)
{
    /// <summary>How an owner appears in queue_owners: "centre:&lt;unit&gt;" or "department:&lt;code&gt;".</summary>
    public static string OwnerKey(WorkOwner owner) => $"{owner.Kind.ToString().ToLowerInvariant()}:{owner.Code}";

    public static CaseViewRow From(ProjectedCase projected)
    {
        var (state, view) = projected;
        return new CaseViewRow(
            view.Id, view.Version, view.Status.ToString(), view.MatterCode, view.Urgency.ToString(), view.Place.DistrictCode,
            view.Place.StreetCode, view.Place.CommunityCode, view.Place.GridCode, view.Place.Longitude, view.Place.Latitude,
            view.ReportedAt, view.ReportedAt.UtcTicks, view.AcceptedAt, view.FirstDispatchedAt, view.ClosedAt, view.Warned, view.Overdue,
            view.EscalationLevel, view.Supervised, view.EverOverdue, view.EverSuspended, view.DispatchedOnTime, view.Returns, view.Reworks,
            view.ExtensionsApproved, view.Satisfaction, view.DispatchedTo, view.ReturnedBy,
            [.. view.Queues.Select(q => OwnerKey(q.Owner)).Distinct()], state, view);
    }
}
