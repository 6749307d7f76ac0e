using CityActors.Assist.History;
using CityActors.Testing;

namespace CityActors.Assist.Tests;

/// <summary>The 311 histories the repository carries and the model artefact it ships, read once per test run.</summary>
internal static class AssistFiles
{
    private static readonly Lazy<HistoryFile> BostonHistory = new(() => HistoryReader.Read(BostonZip));

    public static string BostonZip => Path.Combine(RepositoryFiles.Root, "data", "boston", "boston311-2011.zip");

    public static string NycSample => RepositoryFiles.Nyc("nyc311-sample-100.csv");

    public static string ShippedModel => Path.Combine(RepositoryFiles.Root, "silo", "CityActors.Silo", "assist", "boston-2011");

    public static HistoryFile Boston => BostonHistory.Value;

    /// <summary>Every <paramref name="step"/>-th request of the Boston year, in file order: a small history with the
    /// year's shape (all months, the common types, some duplicates).</summary>
    public static HistoryFile BostonEvery(int step) =>
        Boston with { Rows = [.. Boston.Rows.Where((_, i) => i % step == 0)] };
}
