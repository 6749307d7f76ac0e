using CityActors.Domain.Cases;
using CityActors.Domain.Matters;

namespace CityActors.Domain.Sensors;

/// <summary>
/// Which case a starting condition goes to. A condition has at most one case while it lasts; when it comes back, its
/// last case takes it while that case is still open (the problem is not solved yet), and once it has closed the
/// matter's <see cref="Recurrence"/> decides between reopening it and a new case.
/// </summary>
public static class SensorCasePolicy
{
    /// <summary>The actor sensor cases are reported and recorded by: the sensor platform, an intake system.</summary>
    public static readonly Actor Platform = new("sensor-platform", Role.ChannelSystem, nameof(Channel.Sensor));

    public static SensorCaseAction OnStart(CaseStatus? lastCaseStatus, Matter matter)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return lastCaseStatus switch
        {
            null or CaseStatus.None => SensorCaseAction.OpenNew,
            var status when status.Value.IsOpen() => SensorCaseAction.AddToOpen,
            CaseStatus.Closed when matter.Recurrence == Recurrence.Reopen => SensorCaseAction.Reopen,
            _ => SensorCaseAction.OpenNew,
        };
    }

    /// <summary>The channel's external id of a condition's case: sensor, rule and occurrence, so a retried opening finds the same case.</summary>
    public static string ExternalId(string sensorId, string ruleCode, int occurrence) => $"{sensorId}.{ruleCode}.{occurrence}";
}

public enum SensorCaseAction
{
    OpenNew,
    AddToOpen,
    Reopen,
}
