using System.Globalization;

namespace CityActors.Assist.History;

/// <summary>
/// How one open-data 311 schema names the fields of <see cref="ServiceRequest"/>. Column names are matched without
/// regard to case; a schema is recognised by its required columns.
/// </summary>
internal sealed record HistorySchema(
    string Name,
    string Id,
    string Opened,
    string? Target,
    string? Closed,
    string[] Title,
    string Type,
    string? Queue,
    string Department,
    string? Channel,
    string? Area,
    string? Latitude,
    string? Longitude,
    string? Closure,
    string[] DateFormats)
{
    /// <summary>City of Boston "311 Service Requests" (case_enquiry_id, open_dt, case_title, type, queue, department, …).</summary>
    public static readonly HistorySchema Boston = new(
        "boston", "case_enquiry_id", "open_dt", "target_dt", "closed_dt", ["case_title"], "type", "queue", "department",
        "source", "neighborhood", "latitude", "longitude", "closure_reason",
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"]);

    /// <summary>NYC Open Data "311 Service Requests" (Unique Key, Created Date, Complaint Type, Descriptor, Agency, …).
    /// NYC has no work queues: the agency is both queue and department; the descriptor is the free text.</summary>
    public static readonly HistorySchema Nyc = new(
        "nyc", "Unique Key", "Created Date", "Due Date", "Closed Date", ["Descriptor"], "Complaint Type", null, "Agency",
        "Open Data Channel Type", "Community Board", "Latitude", "Longitude", "Resolution Description",
        ["MM/dd/yyyy hh:mm:ss tt", "yyyy-MM-ddTHH:mm:ss.fff", "yyyy-MM-ddTHH:mm:ss"]);

    public static readonly IReadOnlyList<HistorySchema> Known = [Boston, Nyc];

    public IEnumerable<string> RequiredColumns => new[] { Id, Opened, Type, Department }.Concat(Title).Concat(Queue is null ? [] : [Queue]);

    public static HistorySchema Detect(IReadOnlyCollection<string> header)
    {
        var names = new HashSet<string>(header.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);
        foreach (var schema in Known)
        {
            if (schema.RequiredColumns.All(names.Contains))
            {
                return schema;
            }
        }

        var expected = string.Join("; ", Known.Select(s => $"{s.Name}: {string.Join(", ", s.RequiredColumns)}"));
        throw new HistoryFormatException($"The header names no known 311 schema (columns needed, any case — {expected}).");
    }

    public DateTime? ParseDate(string? text, string column, long line)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var value))
        {
            return value;
        }

        throw new HistoryFormatException($"Line {line}: {column} '{text}' is not a date in the {Name} schema ({string.Join(" or ", DateFormats)}).");
    }
}
