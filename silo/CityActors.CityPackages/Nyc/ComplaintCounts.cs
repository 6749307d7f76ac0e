using System.Globalization;
using Microsoft.VisualBasic.FileIO;

namespace CityActors.CityPackages.Nyc;

/// <summary>Totals from nyc311-complaints-by-community-board.csv (year, board, borough, type, count): per type, or per community district and type.</summary>
internal static class ComplaintCounts
{
    /// <summary>Requests per complaint type over all years and boards; types compare case-insensitively because the
    /// open data spells some of them in two ways (PLUMBING / Plumbing).</summary>
    public static Dictionary<string, long> Read(string csvPath)
    {
        var counts = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        // The framework's quoted-CSV reader: a complaint type may be quoted and contain commas.
        using var parser = new TextFieldParser(csvPath) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        parser.ReadFields(); // year,Community Board,Borough,Complaint Type,cnt
        while (parser.ReadFields() is { } fields)
        {
            if (fields.Length == 5 && long.TryParse(fields[4], CultureInfo.InvariantCulture, out var count))
            {
                counts[fields[3]] = counts.GetValueOrDefault(fields[3]) + count;
            }
        }

        return counts;
    }

    /// <summary>
    /// Requests per community district (BoroCD, e.g. 105 for "05 MANHATTAN") and complaint type over all years; rows of
    /// unspecified boards are left out.
    /// </summary>
    public static Dictionary<int, Dictionary<string, long>> ReadByDistrict(string csvPath)
    {
        var counts = new Dictionary<int, Dictionary<string, long>>();
        using var parser = new TextFieldParser(csvPath) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        parser.ReadFields();
        while (parser.ReadFields() is { } fields)
        {
            if (fields.Length == 5 && long.TryParse(fields[4], CultureInfo.InvariantCulture, out var count) && DistrictOf(fields[1]) is { } district)
            {
                var types = counts.TryGetValue(district, out var found) ? found : counts[district] = new(StringComparer.OrdinalIgnoreCase);
                types[fields[3]] = types.GetValueOrDefault(fields[3]) + count;
            }
        }

        return counts;
    }

    // "05 MANHATTAN" → 105: the board number within its borough, after the borough's code.
    private static int? DistrictOf(string board)
    {
        var space = board.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !int.TryParse(board[..space], CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return null;
        }

        int? borough = board[(space + 1)..] switch
        {
            "MANHATTAN" => 1,
            "BRONX" => 2,
            "BROOKLYN" => 3,
            "QUEENS" => 4,
            "STATEN ISLAND" => 5,
            _ => null,
        };
        return borough * 100 + number;
    }
}
