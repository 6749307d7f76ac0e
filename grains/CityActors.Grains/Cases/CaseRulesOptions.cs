using CityActors.Domain.Calendar;
using CityActors.Domain.Cases;
using CityActors.Domain.Package;

namespace CityActors.Grains.Cases;

/// <summary>
/// The "CityActors:Cases" configuration section: the city's case rules, each defaulting to <see cref="CaseRules.Default"/>.
/// Limits are written like catalogue limits ("4h working", "30m natural").
/// </summary>
public sealed class CaseRulesOptions
{
    public const string SectionName = "CityActors:Cases";

    public double? WarnFraction { get; set; }

    public string? DistrictEscalationLimit { get; set; }

    public string? CityEscalationLimit { get; set; }

    public string? SupervisionLimit { get; set; }

    public int? ReturnsBeforeEscalation { get; set; }

    public double? DuplicateRadiusMeters { get; set; }

    public TimeSpan? DuplicateWindow { get; set; }

    public TimeSpan? ReopenWindow { get; set; }

    /// <summary>Channel names (Hotline, WebApp, Open311, GridInspector, Sensor, VideoAi) verified on intake.</summary>
    public List<string>? AutoVerifiedChannels { get; set; }

    /// <summary>The rules these settings describe; throws <see cref="ArgumentException"/> listing every bad setting.</summary>
    public CaseRules ToRules()
    {
        var errors = new List<string>();
        TimeLimit Limit(string? text, TimeLimit fallback, string key)
        {
            if (text is null)
            {
                return fallback;
            }

            if (LimitText.TryParse(text, out var limit))
            {
                return limit;
            }

            errors.Add($"{SectionName}:{key} '{text}' is not a limit like \"4h working\" or \"30m natural\".");
            return fallback;
        }

        var defaults = CaseRules.Default;
        var channels = defaults.AutoVerifiedChannels;
        if (AutoVerifiedChannels is not null)
        {
            var parsed = new HashSet<Channel>();
            foreach (var name in AutoVerifiedChannels)
            {
                if (Enum.TryParse<Channel>(name, ignoreCase: true, out var channel) && Enum.IsDefined(channel))
                {
                    parsed.Add(channel);
                }
                else
                {
                    errors.Add($"{SectionName}:AutoVerifiedChannels has '{name}', which is not one of {string.Join(", ", Enum.GetNames<Channel>())}.");
                }
            }

            channels = parsed;
        }

        var rules = new CaseRules
        {
            WarnFraction = WarnFraction ?? defaults.WarnFraction,
            DistrictEscalationLimit = Limit(DistrictEscalationLimit, defaults.DistrictEscalationLimit, nameof(DistrictEscalationLimit)),
            CityEscalationLimit = Limit(CityEscalationLimit, defaults.CityEscalationLimit, nameof(CityEscalationLimit)),
            SupervisionLimit = Limit(SupervisionLimit, defaults.SupervisionLimit, nameof(SupervisionLimit)),
            ReturnsBeforeEscalation = ReturnsBeforeEscalation ?? defaults.ReturnsBeforeEscalation,
            DuplicateRadiusMeters = DuplicateRadiusMeters ?? defaults.DuplicateRadiusMeters,
            DuplicateWindow = DuplicateWindow ?? defaults.DuplicateWindow,
            ReopenWindow = ReopenWindow ?? defaults.ReopenWindow,
            AutoVerifiedChannels = channels,
        };
        errors.AddRange(rules.Validate().Select(e => $"{SectionName}: {e}"));
        return errors.Count == 0 ? rules : throw new ArgumentException(string.Join(Environment.NewLine, errors));
    }
}
