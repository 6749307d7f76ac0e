using CsvHelper;

namespace CityActors.LoadTests.Replay.Sources;

/// <summary>
/// A CSV file read row by row with its fields looked up by header name, the way the reference files and 311 exports
/// are described (by column name, never by position).
/// </summary>
internal sealed class NamedCsv : IDisposable
{
    private readonly StreamReader _file;
    private readonly CsvReader _csv;

    private NamedCsv(string path)
    {
        _file = new StreamReader(path);
        _csv = CsvReader.Create(_file, CsvReaderOptions.Default with { Separator = ',', HasHeader = true });
        Headers = _csv.Headers.ToList();
    }

    public IReadOnlyList<string> Headers { get; }

    public static NamedCsv Open(string path) => new(path);

    public bool Read() => _csv.Read();

    /// <summary>The field under <paramref name="column"/> in the current row; null when the file has no such column.</summary>
    public string? Get(string column) =>
        _csv.TryGetFieldIndex(column, out var index) && index < _csv.FieldCount ? _csv.GetString(index) : null;

    /// <summary>The field under <paramref name="column"/> as a number.</summary>
    /// <exception cref="InvalidDataException">The field is missing or not a number.</exception>
    public double GetNumber(string column) =>
        double.TryParse(Get(column), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"Column '{column}' holds '{Get(column)}', not a number.");

    public void Dispose()
    {
        _csv.Dispose();
        _file.Dispose();
    }
}
