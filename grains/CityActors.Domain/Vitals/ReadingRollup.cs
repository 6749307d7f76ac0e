using CityActors.Domain.City;
using CityActors.Domain.Sensors;

namespace CityActors.Domain.Vitals;

/// <summary>
/// Collects accepted readings per grid cell, kind and minute, and hands them out rolled up to every level above (the
/// grid cell, its community, street, district and the city), so each org unit's vital signs take one merge per flush
/// however many readings there were. Not thread-safe: one owner adds and drains.
/// </summary>
public sealed class ReadingRollup
{
    private Dictionary<(string Grid, SensorKind Kind, DateTimeOffset Minute), IndicatorMinute> _pending = [];

    public int PendingMinutes => _pending.Count;

    public void Add(string gridCode, SensorKind kind, DateTimeOffset at, double value)
    {
        var minute = IndicatorMinute.Of(kind, at, value);
        var key = (gridCode, kind, minute.Minute);
        _pending[key] = _pending.TryGetValue(key, out var current) ? current.Plus(minute) : minute;
    }

    /// <summary>Everything added since the last drain, by org unit (each grid cell and all its ancestors), and empties the rollup.</summary>
    public Dictionary<string, List<IndicatorMinute>> Drain(CityModel city)
    {
        ArgumentNullException.ThrowIfNull(city);
        var pending = _pending;
        _pending = [];
        var byUnit = new Dictionary<(string Unit, SensorKind Kind, DateTimeOffset Minute), IndicatorMinute>();
        foreach (var ((grid, kind, minute), stats) in pending)
        {
            foreach (var unit in city.Lineage(grid))
            {
                var key = (unit.Code, kind, minute);
                byUnit[key] = byUnit.TryGetValue(key, out var current) ? current.Plus(stats) : stats;
            }
        }

        var result = new Dictionary<string, List<IndicatorMinute>>(StringComparer.Ordinal);
        foreach (var ((unit, _, _), stats) in byUnit)
        {
            if (!result.TryGetValue(unit, out var list))
            {
                result[unit] = list = [];
            }

            list.Add(stats);
        }

        return result;
    }
}
