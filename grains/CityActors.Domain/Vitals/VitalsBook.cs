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
    public Dictionary<string, SensorGauge> Sensors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Open cases placed directly in the unit (closed ones are dropped).</summary>
    public Dictionary<string, CaseMark> Cases { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, VitalTotals> Children { get; set; } = new(StringComparer.Ordinal);

    private Dictionary<SensorKind, IndicatorSeries> _series = [];

    /// <summary>The indicators' minutes, for storage (built when read, so merging stays cheap).</summary>
    public Dictionary<SensorKind, List<IndicatorMinute>> Minutes
    {
        get => _series.ToDictionary(s => s.Key, s => s.Value.Minutes.ToList());
        set => _series = (value ?? []).ToDictionary(m => m.Key, m => new IndicatorSeries(m.Value));
    }

    public VitalTotals Totals() => VitalTotals.Sum(Sensors.Values, Cases.Values, Children.Values);

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

    /// <returns>Whether the unit's totals changed.</returns>
    public bool SetCase(string caseId, CaseMark mark) => Changes(() =>
    {
        if (mark.Open)
        {
            Cases[caseId] = mark;
        }
        else
        {
            Cases.Remove(caseId);
        }
    });

    /// <returns>Whether the unit's totals changed.</returns>
    public bool SetChild(string childCode, VitalTotals totals) => Changes(() => Children[childCode] = totals);

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
        return !before.SameAs(Totals());
    }
}
