using System.IO.Compression;
using Microsoft.ML;

namespace CityActors.Assist.Models;

/// <summary>
/// Saves an ML.NET model as a zip whose bytes depend only on the model: ML.NET stamps every entry with the time of
/// saving, so the entries are copied in their order with one fixed time, and retraining on the same history and seed
/// reproduces the shipped files byte for byte.
/// </summary>
internal static class ModelFiles
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Save(MLContext ml, ITransformer model, DataViewSchema input, string path)
    {
        using var saved = new MemoryStream();
        ml.Model.Save(model, input, saved);
        saved.Position = 0;

        using var source = new ZipArchive(saved, ZipArchiveMode.Read);
        using var file = File.Create(path);
        using var target = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = FixedTime;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }
}
