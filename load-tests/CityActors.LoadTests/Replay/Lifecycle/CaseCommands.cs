using CityActors.Domain.Cases;

namespace CityActors.LoadTests.Replay.Lifecycle;

/// <summary>
/// The command a planned step sends, and who sends it: the channel's intake system reports; the street centre's
/// operator verifies, accepts, dispatches, inspects and rates (回访); its leader decides extensions; the department's
/// clerk returns, signs for, asks for more time and reports the work handled.
/// </summary>
public static class CaseCommands
{
    public static CaseCommand For(CasePlan plan, PlannedStep step)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(step);
        var arrival = plan.Arrival;
        var department = plan.Department;
        var centre = new Actor($"operator-{arrival.Street}", Role.CentreOperator, arrival.Street);
        var clerk = new Actor($"clerk-{department}", Role.DepartmentClerk, department);
        return step.Kind switch
        {
            StepKind.Report => new ReportCase(
                new Actor($"intake-{arrival.Channel}", Role.ChannelSystem, arrival.Channel.ToString()),
                new CaseReport(arrival.Channel, arrival.ExternalId, arrival.MatterCode, "city traffic replay", ReportedLocation.At(arrival.Longitude, arrival.Latitude))),
            StepKind.Verify => new VerifyCase(centre),
            StepKind.Accept => new AcceptCase(centre),
            StepKind.Return => new ReturnCase(clerk, department, "not ours to handle"),
            StepKind.Dispatch => new DispatchCase(centre, department),
            StepKind.SignFor => new SignFor(clerk, department),
            StepKind.RequestExtension => new RequestExtension(clerk, department, step.Extra, "parts on order"),
            StepKind.DecideExtension => new DecideExtension(new Actor($"leader-{arrival.Street}", Role.CentreLeader, arrival.Street), step.Passed),
            StepKind.ReportHandled => new ReportHandled(clerk, department, "done"),
            StepKind.Inspect => new InspectCase(centre, step.Passed),
            _ => new EvaluateCase(centre, step.Satisfaction),
        };
    }
}
