using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CityActors.Assist.Evaluation;
using CityActors.Assist.History;
using CityActors.Assist.Models;

namespace CityActors.Silo;

/// <summary>
/// Operator commands that run instead of the silo:
/// <c>train-assist &lt;history.csv|zip&gt; &lt;out-dir&gt; [--until yyyy-MM-dd] [--seed n]</c> learns a model artefact from
/// 311 history (Boston or NYC open-data schema) opened before the cut-off;
/// <c>eval-assist &lt;model-dir&gt; &lt;cases.csv|zip&gt;</c> measures it on the requests opened from its cut-off on and
/// prints the figures, the last line one JSON object.
/// </summary>
internal static class AssistCommands
{
    public const int DefaultSeed = 20111101;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static int? TryRun(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            switch (args)
            {
                case ["train-assist", var history, var target, .. var options]:
                    return Train(history, target, options, output, error);
                case ["eval-assist", var model, var cases]:
                    return Evaluate(model, cases, output);
                case ["train-assist" or "eval-assist", ..]:
                    error.WriteLine("usage: train-assist <history.csv|zip> <out-dir> [--until yyyy-MM-dd] [--seed n] | eval-assist <model-dir> <cases.csv|zip>");
                    return 2;
                default:
                    return null;
            }
        }
        catch (Exception ex) when (ex is HistoryFormatException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            error.WriteLine($"{args[0]}: {ex.Message}");
            return 1;
        }
    }

    private static int Train(string historyPath, string target, string[] options, TextWriter output, TextWriter error)
    {
        DateTime? until = null;
        var seed = DefaultSeed;
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--until" when i + 1 < options.Length && DateTime.TryParseExact(options[i + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day):
                    until = day;
                    i++;
                    break;
                case "--seed" when i + 1 < options.Length && int.TryParse(options[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n):
                    seed = n;
                    i++;
                    break;
                case "--until" or "--seed":
                    error.WriteLine($"train-assist: {options[i]} needs {(options[i] == "--until" ? "a date yyyy-MM-dd" : "a whole number")}{(i + 1 < options.Length ? $", not '{options[i + 1]}'" : "")}.");
                    return 2;
                default:
                    error.WriteLine($"train-assist: '{options[i]}' is not an option (--until yyyy-MM-dd, --seed n).");
                    return 2;
            }
        }

        var history = HistoryReader.Read(historyPath);
        output.WriteLine($"read {history.Rows.Count} requests ({history.Schema} schema, {history.Skipped} without id, type or opening time skipped)");
        var cutoff = until ?? DefaultCutoff(history);
        var model = AssistTrainer.Train(history, Sha256(historyPath), cutoff, seed, output);
        model.Save(target);
        output.WriteLine($"model {model.Version} written to {Path.GetFullPath(target)}");
        return 0;
    }

    private static int Evaluate(string modelPath, string casesPath, TextWriter output)
    {
        var model = AssistModel.Load(modelPath);
        var history = HistoryReader.Read(casesPath);
        var report = AssistEvaluator.Evaluate(model, history, output);
        AssistReportText.Write(report, output);
        output.WriteLine(JsonSerializer.Serialize(report, Json));
        return 0;
    }

    // The first day of the month in which the request at three quarters of the history falls: about the last quarter
    // is left for evaluation, and the split falls on a month boundary.
    private static DateTime DefaultCutoff(HistoryFile history)
    {
        var openings = history.Rows.Select(r => r.Opened).Order().ToList();
        if (openings.Count == 0)
        {
            throw new ArgumentException("The history holds no usable request.");
        }

        var at = openings[openings.Count * 3 / 4];
        return new DateTime(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
