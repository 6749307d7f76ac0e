namespace CityActors.Assist.Duplicates;

/// <summary>Jaccard similarity of the lower-cased word sets of two short texts (titles are a handful of words).</summary>
internal static class TextSimilarity
{
    private static readonly char[] Separators = [' ', '\t', ',', '.', ':', ';', '/', '\\', '-', '(', ')', '#', '&', '"', '\''];

    public static HashSet<string> Words(string text) =>
        new(text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }
}
