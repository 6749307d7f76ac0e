using CityActors.Domain.Cases;
using CityActors.Grains.Cases;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.Grains.PostgreSql;

/// <summary>
/// A <see cref="CaseQuery"/> as the where clause over case_view, with its values as parameters of the command. Every
/// filter means what <see cref="CaseQuery.Matches"/> means, and order and cursor use report time in UTC ticks and the
/// case id in byte order (collation "C"), exactly as the in-memory store sorts.
/// </summary>
internal static class CaseViewFilter
{
    /// <summary>The conditions of <paramref name="query"/> joined with "and" (empty when there are none).</summary>
    public static string Where(CaseQuery query, NpgsqlCommand command)
    {
        var where = new List<string>();
        string Parameter(object value, NpgsqlDbType? type = null)
        {
            var parameter = new NpgsqlParameter { Value = value };
            if (type is { } t)
            {
                parameter.NpgsqlDbType = t;
            }

            command.Parameters.Add(parameter);
            return "$" + command.Parameters.Count;
        }

        if (query.OrgUnit is { } unit && unit.Contains('.', StringComparison.Ordinal))
        {
            var p = Parameter(unit);
            where.Add($"(district = {p} or street = {p} or community = {p} or grid = {p})");
        }

        if (query.Department is { } department)
        {
            where.Add($"dispatched_to @> array[{Parameter(department)}::text]");
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            where.Add($"status = any({Parameter(statuses.Select(s => s.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");
        }

        if (query.MatterCode is { } matter)
        {
            where.Add($"matter = {Parameter(matter)}");
        }

        if (query.Urgency is { } urgency)
        {
            where.Add($"urgency = {Parameter(urgency.ToString())}");
        }

        if (query.Warned is { } warned)
        {
            where.Add($"warned = {Parameter(warned)}");
        }

        if (query.Overdue is { } overdue)
        {
            where.Add($"overdue = {Parameter(overdue)}");
        }

        if (query.Escalated is { } escalated)
        {
            where.Add(escalated ? "escalation_level > 0" : "escalation_level = 0");
        }

        if (query.Supervised is { } supervised)
        {
            where.Add($"supervised = {Parameter(supervised)}");
        }

        if (query.ReportedFrom is { } from)
        {
            where.Add($"reported_ticks >= {Parameter(from.UtcTicks)}");
        }

        if (query.ReportedTo is { } to)
        {
            where.Add($"reported_ticks < {Parameter(to.UtcTicks)}");
        }

        if (query.Box is { } box)
        {
            where.Add($"longitude between {Parameter(box.MinLongitude)} and {Parameter(box.MaxLongitude)} and latitude between {Parameter(box.MinLatitude)} and {Parameter(box.MaxLatitude)}");
        }

        if (query.After is { } after && CaseCursor.TryParse(after, out var cursor))
        {
            var ticks = Parameter(cursor.ReportedTicks);
            where.Add($"(reported_ticks < {ticks} or (reported_ticks = {ticks} and case_id > {Parameter(cursor.CaseId)}))");
        }

        return string.Join(" and ", where);
    }
}
