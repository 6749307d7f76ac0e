namespace CityActors.Domain.Cases;

public sealed partial class CaseDecider
{
    private static void RecordSensorReadings(Context c, RecordSensorReadings command)
    {
        RequireSensorPlatform(c, command);
        if (command.Readings is not { Count: > 0 and <= 1000 } readings || readings.Any(r => r is null || !double.IsFinite(r.Value)))
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, "RecordSensorReadings needs 1–1000 readings with finite values.");
        }

        c.Emit(new SensorReadingsRecorded(c.Meta(command.Note), Required(command.RuleCode, "A rule code"), [.. readings]));
    }

    private static void RecordSensorRecovery(Context c, RecordSensorRecovery command)
    {
        RequireSensorPlatform(c, command);
        if (c.State.SensorRecoveredAt is not null)
        {
            return; // Already recorded (a retry): nothing changes.
        }

        c.Emit(new SensorRecovered(c.Meta(Required(command.Description, "A recovery's description")), Required(command.RuleCode, "A rule code"), command.RecoveredAt));
    }

    // Only the platform that reported a sensor case records on it, whatever the case's status: readings that go on
    // after closure are part of the record too.
    private static void RequireSensorPlatform(Context c, CaseCommand command) =>
        c.Require(CaseAccess.IsReportingSensorPlatform(command.By, c.State), "sensor readings and recoveries are recorded by the sensor platform on the sensor cases it reported");
}
