using System.Text.Json.Serialization;
using CityActors.Domain.City;
using CityActors.Domain.Emergencies;
using CityActors.Domain.Sensors;

namespace CityActors.Domain.Vitals;

/// <summary>
/// One org unit's vital signs, kept current by the unit's grain: the sensors and cases placed directly in the unit,
/// the totals its child units last sent, and its indicators' minutes. Changing what is counted says whether the
/// unit's totals changed (then the parent is told).
/// </summary>
public sealed class VitalsBook
{
    public Dictionary<string, SensorGauge> Sensors { get; set { field = value; _totals = null; } } = new(StringComparer.Ordinal);

    /// <summary>
    /// Open cases placed directly in the unit (closed ones are dropped), with the case version each mark is from. Not
    /// stored: the marks are derived from the case read model, which the unit's grain reads on activation.
    /// </summary>
    [JsonIgnore]
    public Dictionary<string, CaseMarkUpdate> Cases { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, VitalTotals> Children { get; set { field = value; _totals = null; } } = new(StringComparer.Ordinal);

    private Dictionary<SensorKind, IndicatorSeries> _series = [];
    private VitalTotals? _totals;

    /// <summary>The indicators' minutes, for storage (built when read, so merging stays cheap).</summary>
    public Dictionary<SensorKind, List<IndicatorMinute>> Minutes
    {
        get => _series.ToDictionary(s => s.Key, s => s.Value.Minutes.ToList());
        set => _series = (value ?? []).ToDictionary(m => m.Key, m => new IndicatorSeries(m.Value));
    }

    /// <summary>The unit's totals, summed once per change (a busy unit is asked after every change, to send them up).</summary>
    public VitalTotals Totals() => _totals ??= VitalTotals.Sum(Sensors.Values, Cases.Values.Select(c => c.Mark), Children.Values);

    /// <returns>Whether the unit's totals changed.</returns>
    public bool SetSensor(string sensorId, SensorGauge? gauge) => Changes(() =>
    {
        if (gauge is null)
        {
            Sensors.Remove(sensorId);
        }
        else
        {
            Sensors[sensorId] = gauge;
        }
    });

    /// <summary>
    /// Applies case marks in the order given; a mark older than the one held for its case (a lower version) is ignored,
    /// and a closed case is dropped.
    /// </summary>
    /// <returns>Whether the unit's totals changed.</returns>
    public bool SetCases(IEnumerable<CaseMarkUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return Changes(() =>
        {
            foreach (var update in updates)
            {
                if (Cases.TryGetValue(update.CaseId, out var held) && held.Version >= update.Version)
                {
                    continue;
                }

                if (update.Mark.Open)
                {
                    Cases[update.CaseId] = update;
                }
                else
                {
                    Cases.Remove(update.CaseId);
                }
            }
        });
    }

    /// <returns>Whether the unit's totals changed.</returns>
    /// <remarks>
    /// A child's totals that differ from those held change the unit's in the same counts (each matter's counts are
    /// summed as they are), so nothing is summed here.
    /// </remarks>
    public bool SetChild(string childCode, VitalTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (Children.TryGetValue(childCode, out var held) && held.SameAs(totals))
        {
            return false;
        }

        Children[childCode] = totals;
        _totals = null;
        return true;
    }

    public void Merge(IEnumerable<IndicatorMinute> minutes)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        foreach (var minute in minutes)
        {
            if (!_series.TryGetValue(minute.Kind, out var series))
            {
                _series[minute.Kind] = series = new IndicatorSeries();
            }

            series.Merge(minute);
        }
    }

    public IReadOnlyList<IndicatorPoint> History(SensorKind kind, DateTimeOffset now) =>
        _series.TryGetValue(kind, out var series) ? series.History(now) : [];

    public VitalSigns View(OrgUnit unit, DateTimeOffset now, ActiveEmergency? emergency)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var totals = Totals();
        var indicators = _series.OrderBy(s => s.Key).Select(s =>
        {
            var latest = s.Value.Latest;
            return new IndicatorVitals(
                s.Key.Indicator(),
                s.Key,
                s.Key.UnitOfMeasure(),
                latest?.Latest,
                latest?.LatestAt,
                s.Value.Window(now, TimeSpan.FromMinutes(5)),
                s.Value.Window(now, TimeSpan.FromHours(1)),
                s.Value.Window(now, TimeSpan.FromHours(24)));
        });
        return new VitalSigns(unit.Code, unit.Level, now, totals.Sensors, totals.ActiveAlarms, [.. indicators], totals.Cases, emergency);
    }

    private bool Changes(Action change)
    {
        var before = Totals();
        change();
        _totals = null;
        return !before.SameAs(Totals());
    }
}
