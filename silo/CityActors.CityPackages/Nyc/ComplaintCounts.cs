using System.Globalization;
using Microsoft.VisualBasic.FileIO;

namespace CityActors.CityPackages.Nyc;

/// <summary>Totals per complaint type from nyc311-complaints-by-community-board.csv (year, board, borough, type, count).</summary>
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
}
