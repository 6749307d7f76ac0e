using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityActors.Domain.Calendar;
using CityActors.Domain.Cases;
using CityActors.Domain.Package;

namespace CityActors.Console.Tests;

/// <summary>
/// A copy of the shipped NYC package in which time runs <see cref="Factor"/> times faster: every hour of every day is
/// working time, and every stage limit (and the case rules' escalation limits, as settings) is divided by the factor,
/// so a host on the real clock warns, marks overdue and escalates within seconds. The host loads it through its
/// ordinary setting, CityActors:City:Package.
/// </summary>
public sealed class CompressedNyc
{
    private CompressedNyc(string directory, double factor) => (Directory, Factor) = (directory, factor);

    public string Directory { get; }

    public double Factor { get; }

    /// <summary>Command-line settings that load this package with the case rules compressed alike.</summary>
    public string[] HostSettings
    {
        get
        {
            var rules = CaseRules.Default;
            return
            [
                "--CityActors:City:Package", Directory,
                "--CityActors:Cases:DistrictEscalationLimit", Text(Compress(rules.DistrictEscalationLimit)),
                "--CityActors:Cases:CityEscalationLimit", Text(Compress(rules.CityEscalationLimit)),
                "--CityActors:Cases:SupervisionLimit", Text(Compress(rules.SupervisionLimit)),
                "--CityActors:Cases:DuplicateWindow", TimeSpan.FromTicks((long)(rules.DuplicateWindow.Ticks / Factor)).ToString("c", CultureInfo.InvariantCulture),
            ];
        }
    }

    /// <summary>Writes the compressed copy of the package in <paramref name="source"/> into a new directory under <paramref name="parent"/>.</summary>
    public static CompressedNyc Write(string source, string parent, double factor)
    {
        var directory = Path.Combine(parent, FormattableString.Invariant($"nyc-x{factor:0.###}"));
        System.IO.Directory.CreateDirectory(directory);
        var city = new CompressedNyc(directory, factor);
        foreach (var file in System.IO.Directory.GetFiles(source))
        {
            var target = Path.Combine(directory, Path.GetFileName(file));
            switch (Path.GetFileName(file))
            {
                case "city.json":
                    Rewrite(file, target, AllHoursWorking);
                    break;
                case "matters.json" or "emergency.json":
                    Rewrite(file, target, city.CompressLimits);
                    break;
                case "assist.json":
                    // The package names its model relative to itself; the copy lives elsewhere.
                    Rewrite(file, target, assist => assist["model"] = Path.GetFullPath(Path.Combine(source, assist["model"]!.GetValue<string>())));
                    break;
                default:
                    File.Copy(file, target, overwrite: true);
                    break;
            }
        }

        return city;
    }

    private TimeLimit Compress(TimeLimit limit) => new(TimeSpan.FromTicks((long)Math.Round(limit.Duration.Ticks / Factor)), limit.Mode);

    private static void Rewrite(string from, string to, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(File.ReadAllText(from)) ?? throw new InvalidDataException($"{from} is empty.");
        change(node);
        File.WriteAllText(to, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void AllHoursWorking(JsonNode city) =>
        city["calendar"] = new JsonObject
        {
            ["hours"] = new JsonArray(new JsonArray("00:00", "24:00")),
            ["workingDays"] = new JsonArray([.. Enum.GetNames<DayOfWeek>().Select(d => (JsonNode)d)]),
            ["holidays"] = new JsonArray(),
            ["makeUpWorkdays"] = new JsonArray(),
        };

    // Every string in these files that reads as a limit ("8h working") is one.
    private void CompressLimits(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o.ToList())
            {
                if (child is JsonValue v && v.TryGetValue<string>(out var text) && LimitText.TryParse(text, out var limit))
                {
                    o[key] = Text(Compress(limit));
                }
                else if (child is not null)
                {
                    CompressLimits(child);
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a.OfType<JsonNode>())
            {
                CompressLimits(child);
            }
        }
    }

    private static string Text(TimeLimit limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{limit.Duration.TotalMinutes:0.##########}m {(limit.Mode == TimeMode.Working ? "working" : "natural")}");
}
