namespace CityActors.Domain.Cases;

/// <summary>
/// Which queues a case belongs in, derived from its state alone — so queues can always be rebuilt from case journals,
/// and a case's grain can tell each owner exactly where the case stands.
/// </summary>
public static class CaseQueues
{
    public static IReadOnlyList<QueueEntry> Of(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Status.IsOpen())
        {
            return [];
        }

        var centre = WorkOwner.Centre(state.Place!.StreetCode);
        var entries = new List<QueueEntry>();
        switch (state.Status)
        {
            case CaseStatus.Reported:
                entries.Add(new(centre, WorkQueue.AwaitingVerification));
                break;
            case CaseStatus.Verified or CaseStatus.Accepted:
                entries.Add(new(centre, WorkQueue.AwaitingDispatch));
                break;
            case CaseStatus.Handled:
                entries.Add(new(centre, WorkQueue.AwaitingInspection));
                break;
        }

        foreach (var assignment in state.Assignments)
        {
            var department = WorkOwner.Department(assignment.Department);
            switch (assignment.Status)
            {
                case AssignmentStatus.AwaitingSignFor:
                    entries.Add(new(department, WorkQueue.AwaitingSignFor));
                    break;
                case AssignmentStatus.Handling:
                    entries.Add(new(department, WorkQueue.InHandling));
                    break;
            }
        }

        if (state.PendingExtension is not null || state.PendingSuspension is not null)
        {
            entries.Add(new(centre, WorkQueue.AwaitingApproval));
        }

        foreach (var timer in state.Timers.Values)
        {
            switch (timer.Phase)
            {
                case TimerPhase.Warned:
                    entries.Add(new(timer.Owner, WorkQueue.Warned));
                    break;
                case TimerPhase.Overdue:
                    entries.Add(new(timer.Owner, WorkQueue.Overdue));
                    break;
            }

            if (timer.EscalatedTo is { } escalatedTo)
            {
                entries.Add(new(WorkOwner.Centre(escalatedTo), WorkQueue.Escalated));
            }
        }

        foreach (var supervision in state.Supervisions)
        {
            entries.Add(new(WorkOwner.Centre(supervision.CentreUnit), WorkQueue.Supervised));
        }

        return [.. entries.Distinct()];
    }

    /// <summary>
    /// The one party that must act next on an open case: the street centre while it is verified, accepted, dispatched or
    /// inspected, the lead department while departments work on it; null once it has ended.
    /// </summary>
    public static WorkOwner? OwnerOf(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status switch
        {
            CaseStatus.Reported or CaseStatus.Verified or CaseStatus.Accepted or CaseStatus.Handled => WorkOwner.Centre(state.Place!.StreetCode),
            CaseStatus.Dispatched or CaseStatus.Handling => state.Lead is { } lead ? WorkOwner.Department(lead.Department) : null,
            _ => null,
        };
    }
}
