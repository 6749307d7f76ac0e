using System.Globalization;
using System.IO.Compression;
using CsvHelper;

namespace CityActors.Assist.History;

/// <summary>
/// Reads 311 history in Boston's or NYC's open-data schema from a CSV file or a zip holding one. Rows without an id,
/// an opening time or a type teach nothing and are skipped (counted); anything malformed stops the read with its line.
/// </summary>
public static class HistoryReader
{
    public static HistoryFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new HistoryFormatException($"History file {Path.GetFullPath(path)} does not exist.");
        }

        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(path);
            var entries = zip.Entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToList();
            if (entries.Count != 1)
            {
                throw new HistoryFormatException($"{Path.GetFileName(path)} holds {entries.Count} CSV files; a history zip holds exactly one.");
            }

            using var stream = entries[0].Open();
            using var zipped = new StreamReader(stream);
            return Read(zipped);
        }

        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static HistoryFile Read(TextReader text)
    {
        // The separator is fixed: detection could take a semicolon inside a first title for one.
        var options = CsvReaderOptions.Default with { Separator = ',', HasHeader = true, TrackLineNumbers = true };
        using var csv = CsvReader.Create(text, options);
        try
        {
            var header = csv.Headers.ToList();
            if (header.Count == 0)
            {
                throw new HistoryFormatException("The history is empty: no header row.");
            }

            var schema = HistorySchema.Detect(header);
            var columns = new ColumnIndex(csv);
            var rows = new List<ServiceRequest>();
            var skipped = 0;
            while (csv.Read())
            {
                if (ReadRow(csv, schema, columns) is { } row)
                {
                    rows.Add(row);
                }
                else
                {
                    skipped++;
                }
            }

            return new HistoryFile(schema.Name, rows, skipped);
        }
        catch (CsvFormatException ex)
        {
            throw new HistoryFormatException($"Line {csv.LineNumber}: {ex.Message}", ex);
        }
    }

    private static ServiceRequest? ReadRow(CsvReader csv, HistorySchema schema, ColumnIndex columns)
    {
        var line = csv.LineNumber;
        string Get(string? column) => columns.Of(column) is { } index && index < csv.FieldCount ? (csv.GetString(index) ?? "").Trim() : "";

        var id = Get(schema.Id);
        var type = Get(schema.Type);
        var opened = schema.ParseDate(Get(schema.Opened), schema.Opened, line);
        if (id.Length == 0 || type.Length == 0 || opened is null)
        {
            return null;
        }

        var department = Get(schema.Department);
        var title = string.Join(" ", schema.Title.Select(Get).Where(t => t.Length > 0));
        return new ServiceRequest(
            id,
            opened.Value,
            schema.Target is null ? null : schema.ParseDate(Get(schema.Target), schema.Target, line),
            schema.Closed is null ? null : schema.ParseDate(Get(schema.Closed), schema.Closed, line),
            title.Length == 0 ? type : title,
            type,
            schema.Queue is null ? department : Get(schema.Queue),
            department,
            Get(schema.Channel),
            Get(schema.Area),
            Coordinate(Get(schema.Latitude), -90, 90),
            Coordinate(Get(schema.Longitude), -180, 180),
            Get(schema.Closure));
    }

    /// <summary>Column positions resolved once from the header (names matched ignoring case); optional columns may be absent.</summary>
    private sealed class ColumnIndex(CsvReader csv)
    {
        private readonly Dictionary<string, int?> positions = new(StringComparer.Ordinal);

        public int? Of(string? column)
        {
            if (column is null)
            {
                return null;
            }

            if (!positions.TryGetValue(column, out var position))
            {
                positions[column] = position = csv.TryGetFieldIndex(column, out var index) ? index : null;
            }

            return position;
        }
    }

    // A coordinate outside its range or exactly zero is how open-data exports mark "not located".
    private static double? Coordinate(string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max && value != 0
            ? value
            : null;
}

/// <summary>The rows of a history file in file order, its schema, and how many rows were skipped as unusable.</summary>
public sealed record HistoryFile(string Schema, IReadOnlyList<ServiceRequest> Rows, int Skipped);
