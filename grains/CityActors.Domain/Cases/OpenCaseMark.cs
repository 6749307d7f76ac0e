namespace CityActors.Domain.Cases;

/// <summary>An open case as the duplicate index knows it: matter, position on the city's metric plane, report time, and
/// the start of its description (what a learned duplicate score compares texts by).</summary>
public sealed record OpenCaseMark(string CaseId, string MatterCode, double X, double Y, DateTimeOffset ReportedAt, string Text = "")
{
    /// <summary>How much of a description a mark keeps: word overlap is decided in the first words, and a tile holds
    /// every open case of a square kilometre in memory.</summary>
    public const int MaxTextLength = 500;

    public static string TextOf(string? description) =>
        description is null ? "" : description.Length <= MaxTextLength ? description : description[..MaxTextLength];
}
