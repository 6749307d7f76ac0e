using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityActors.Domain.Calendar;
using CityActors.Domain.Package;

namespace CityActors.LoadTests.Replay;

/// <summary>
/// The city the replay runs against: the shipped NYC package with time compressed by a factor, written as a package
/// of its own that the silos load through their ordinary setting (<c>CityActors:City:Package</c>). Every hour of
/// every day is a working hour (no holidays), so working time runs as wall time does, and every stage limit of the
/// catalogue and of the emergency profiles is divided by the factor; the case rules' escalation limits and duplicate
/// window are divided likewise (<see cref="CaseSettings"/>, the <c>CityActors:Cases</c> section). An 8-hour handling limit
/// at 100× is 4.8 minutes: SLA warnings, overdue clocks and escalations happen within a run, by the silo's real clock.
/// </summary>
public sealed class CompressedCity
{
    private CompressedCity(string directory, double factor) => (Directory, Factor) = (directory, factor);

    public string Directory { get; }

    public double Factor { get; }

    /// <summary>Configuration keys of the case rules at this compression (escalation limits and duplicate window of <c>CaseRules.Default</c>).</summary>
    public IReadOnlyDictionary<string, string> CaseSettings
    {
        get
        {
            var defaults = CityActors.Domain.Cases.CaseRules.Default;
            return new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["CityActors:Cases:DistrictEscalationLimit"] = Text(Compress(defaults.DistrictEscalationLimit)),
                ["CityActors:Cases:CityEscalationLimit"] = Text(Compress(defaults.CityEscalationLimit)),
                ["CityActors:Cases:SupervisionLimit"] = Text(Compress(defaults.SupervisionLimit)),
                ["CityActors:Cases:DuplicateWindow"] = TimeSpan.FromTicks((long)(defaults.DuplicateWindow.Ticks / Factor)).ToString("c", CultureInfo.InvariantCulture),
            };
        }
    }

    public TimeLimit Compress(TimeLimit limit) => new(TimeSpan.FromTicks((long)Math.Round(limit.Duration.Ticks / Factor)), limit.Mode);

    /// <summary>Writes the compressed copy of the package in <paramref name="source"/> into a new directory under <paramref name="parent"/>.</summary>
    public static CompressedCity Write(string source, string parent, double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        var directory = Path.Combine(parent, FormattableString.Invariant($"nyc-x{factor:0.###}"));
        System.IO.Directory.CreateDirectory(directory);
        var city = new CompressedCity(directory, factor);
        foreach (var file in System.IO.Directory.GetFiles(source))
        {
            var name = Path.GetFileName(file);
            var target = Path.Combine(directory, name);
            switch (name)
            {
                case "city.json":
                    city.WriteJson(file, target, city.AllHoursWorking);
                    break;
                case "matters.json" or "emergency.json":
                    city.WriteJson(file, target, city.CompressLimits);
                    break;
                case "assist.json":
                    // The package names its model relative to itself; the copy lives elsewhere, so it names the same model absolutely.
                    city.WriteJson(file, target, assist => assist["model"] = Path.GetFullPath(Path.Combine(source, assist["model"]!.GetValue<string>())));
                    break;
                default:
                    File.Copy(file, target, overwrite: true);
                    break;
            }
        }

        return city;
    }

    private void WriteJson(string from, string to, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(File.ReadAllText(from)) ?? throw new InvalidDataException($"{from} is empty.");
        change(node);
        File.WriteAllText(to, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private void AllHoursWorking(JsonNode city)
    {
        city["version"] = FormattableString.Invariant($"{city["version"]}-x{Factor:0.###}");
        city["calendar"] = new JsonObject
        {
            ["hours"] = new JsonArray(new JsonArray("00:00", "24:00")),
            ["workingDays"] = new JsonArray([.. Enum.GetNames<DayOfWeek>().Select(d => (JsonNode)d)]),
            ["holidays"] = new JsonArray(),
            ["makeUpWorkdays"] = new JsonArray(),
        };
    }

    // Every string of the document that reads as a limit ("8h working") is one; nothing else in these files does.
    private void CompressLimits(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
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

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        CompressLimits(child);
                    }
                }

                break;
        }
    }

    private static string Text(TimeLimit limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{limit.Duration.TotalMinutes:0.##########}m {(limit.Mode == TimeMode.Working ? "working" : "natural")}");
}
