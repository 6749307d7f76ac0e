using CityActors.Domain.Sensors;

namespace CityActors.Domain.Vitals;

/// <summary>
/// The counted part of an org unit's vital signs (sensors by status, active alarms, open, overdue and warned cases
/// by matter). A unit sends its totals, whole, to its parent, which adds up its children's: sending them again after a
/// lost message puts things right instead of counting twice.
/// </summary>
public sealed record VitalTotals(SensorCounts Sensors, int ActiveAlarms, IReadOnlyList<MatterCaseCount> Cases)
{
    public static readonly VitalTotals Zero = new(new SensorCounts(0, 0, 0, 0), 0, []);

    public static VitalTotals Sum(IEnumerable<SensorGauge> sensors, IEnumerable<CaseMark> cases, IEnumerable<VitalTotals> children)
    {
        int registered = 0, online = 0, offline = 0, pending = 0, alarms = 0;
        var byMatter = new SortedDictionary<string, (int Open, int Overdue, int Warned)>(StringComparer.Ordinal);
        foreach (var gauge in sensors)
        {
            registered++;
            online += gauge.Status == SensorStatus.Online ? 1 : 0;
            offline += gauge.Status == SensorStatus.Offline ? 1 : 0;
            pending += gauge.Status == SensorStatus.Pending ? 1 : 0;
            alarms += gauge.ActiveAlarms;
        }

        foreach (var mark in cases.Where(m => m.Open))
        {
            var (open, overdue, warned) = byMatter.GetValueOrDefault(mark.MatterCode);
            byMatter[mark.MatterCode] = (open + 1, overdue + (mark.Overdue ? 1 : 0), warned + (mark.Warned ? 1 : 0));
        }

        foreach (var child in children)
        {
            registered += child.Sensors.Registered;
            online += child.Sensors.Online;
            offline += child.Sensors.Offline;
            pending += child.Sensors.Pending;
            alarms += child.ActiveAlarms;
            foreach (var count in child.Cases)
            {
                var (open, overdue, warned) = byMatter.GetValueOrDefault(count.MatterCode);
                byMatter[count.MatterCode] = (open + count.Open, overdue + count.Overdue, warned + count.Warned);
            }
        }

        return new VitalTotals(
            new SensorCounts(registered, online, offline, pending),
            alarms,
            [.. byMatter.Where(m => m.Value.Open > 0).Select(m => new MatterCaseCount(m.Key, m.Value.Open, m.Value.Overdue, m.Value.Warned))]);
    }

    /// <summary>Same counts (records with lists compare lists by reference, so this compares them by content).</summary>
    public bool SameAs(VitalTotals? other) =>
        other is not null && Sensors == other.Sensors && ActiveAlarms == other.ActiveAlarms && Cases.SequenceEqual(other.Cases);
}
