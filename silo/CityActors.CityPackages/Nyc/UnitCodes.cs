using System.Text;

namespace CityActors.CityPackages.Nyc;

/// <summary>Org-unit codes made from public names: "Todt Hill-Emerson Hill" under nyc.5.501 becomes nyc.5.501.todt-hill-emerson-hill.</summary>
internal static class UnitCodes
{
    private const int MaxSlugLength = 40;

    /// <summary>Lower-case ASCII letters and digits joined by single hyphens, at most 40 characters.</summary>
    public static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var slug = string.Join('-', builder.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > MaxSlugLength ? slug[..MaxSlugLength].TrimEnd('-') : slug;
    }

    /// <summary>
    /// <paramref name="parent"/>.<paramref name="slug"/>, or with -2, -3, … appended when that is taken (two
    /// neighbourhoods whose names differ only in punctuation, or one split across two streets).
    /// </summary>
    public static string Unique(string parent, string slug, ISet<string> taken)
    {
        var code = $"{parent}.{slug}";
        for (var n = 2; taken.Contains(code); n++)
        {
            code = $"{parent}.{slug}-{n}";
        }

        return code;
    }
}
