using System.Globalization;
using CityActors.Domain.City;

namespace CityActors.LoadTests.Replay.Sources;

/// <summary>
/// Which complaint arrives where: the (community district, complaint type) counts of one year from
/// data/nyc/nyc311-complaints-by-community-board.csv, each district mapped to its street of the NYC demo city and each
/// type to the catalogue matter of that English name. Types the catalogue does not serve and rows with no district
/// ("0 Unspecified") are left out; <see cref="CoveredShare"/> says how much of the year's mix remains.
/// </summary>
public sealed class ComplaintMix
{
    /// <summary>HPD renamed HEATING to HEAT/HOT WATER in 2014; the catalogue carries the new name.</summary>
    private static readonly Dictionary<string, string> RenamedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HEATING"] = "HEAT/HOT WATER",
    };

    private static readonly Dictionary<string, int> BoroughCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MANHATTAN"] = 1, ["BRONX"] = 2, ["BROOKLYN"] = 3, ["QUEENS"] = 4, ["STATEN ISLAND"] = 5,
    };

    private readonly (string Street, string Matter, double Cumulative)[] _cumulative;

    private ComplaintMix((string, string, double)[] cumulative, int year, double coveredShare) =>
        (_cumulative, Year, CoveredShare) = (cumulative, year, coveredShare);

    public int Year { get; }

    /// <summary>The share of the year's counted requests that the mix keeps (a known district and a catalogue matter).</summary>
    public double CoveredShare { get; }

    public int Pairs => _cumulative.Length;

    /// <summary>The street code of a community board as the 311 data writes it ("12 MANHATTAN" → nyc.1.112); null for none.</summary>
    public static string? StreetOfBoard(string? board)
    {
        var parts = board?.Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts is { Length: 2 }
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            && BoroughCodes.TryGetValue(parts[1], out var borough)
            ? FormattableString.Invariant($"nyc.{borough}.{(borough * 100) + number}")
            : null;
    }

    /// <summary>The catalogue matter code for a 311 complaint type, or null when the catalogue does not serve it.</summary>
    public static string? MatterOf(CityModel city, string? complaintType)
    {
        ArgumentNullException.ThrowIfNull(city);
        if (string.IsNullOrWhiteSpace(complaintType))
        {
            return null;
        }

        var name = RenamedTypes.GetValueOrDefault(complaintType.Trim(), complaintType.Trim());
        return city.Catalogue.Matters.FirstOrDefault(m => string.Equals(m.NameEn, name, StringComparison.OrdinalIgnoreCase))?.Code;
    }

    /// <summary>The mix of <paramref name="year"/> (the nearest year the file has, when it lacks that one).</summary>
    public static ComplaintMix Load(string countsCsv, CityModel city, int year)
    {
        ArgumentNullException.ThrowIfNull(city);
        var rows = new List<(int Year, string? Street, string? Matter, double Count)>();
        using (var csv = NamedCsv.Open(countsCsv))
        {
            while (csv.Read())
            {
                var street = StreetOfBoard(csv.Get("Community Board"));
                rows.Add(((int)csv.GetNumber("year"), street is not null && city.FindUnit(street) is not null ? street : null, MatterOf(city, csv.Get("Complaint Type")), csv.GetNumber("cnt")));
            }
        }

        var nearest = rows.Select(r => r.Year).Distinct().OrderBy(y => Math.Abs(y - year)).ThenBy(y => y).FirstOrDefault();
        var ofYear = rows.Where(r => r.Year == nearest).ToList();
        var kept = ofYear.Where(r => r.Street is not null && r.Matter is not null).ToList();
        if (kept.Count == 0)
        {
            throw new InvalidDataException($"{countsCsv} has no rows of {year} with a known community district and a catalogue matter.");
        }

        var total = kept.Sum(r => r.Count);
        var running = 0.0;
        return new ComplaintMix(
            [.. kept.Select(r => (r.Street!, r.Matter!, running += r.Count / total))],
            nearest,
            total / ofYear.Sum(r => r.Count));
    }

    public (string Street, string Matter) Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u = random.NextDouble();
        var (lo, hi) = (0, _cumulative.Length - 1);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_cumulative[mid].Cumulative > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return (_cumulative[lo].Street, _cumulative[lo].Matter);
    }
}
