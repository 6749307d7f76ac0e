namespace CityActors.Domain.Cases;

/// <summary>
/// Invariants every case state satisfies: one owner while open, one clock per open stage and none for finished stages,
/// clocks with nothing to do only when they are at the top, and no leftovers on ended cases. Used by the randomized tests
/// and by operators checking stored cases.
/// </summary>
public static class CaseConsistency
{
    public static IReadOnlyList<string> Violations(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var problems = new List<string>();
        if (state.Status == CaseStatus.None)
        {
            return problems;
        }

        var leads = state.Assignments.Count(a => a.IsLead);
        if (state.Status is CaseStatus.Dispatched or CaseStatus.Handling or CaseStatus.Handled && leads != 1)
        {
            problems.Add($"{state.Status} case {state.Id} has {leads} lead departments.");
        }

        if (state.Status.IsOpen() && CaseQueues.OwnerOf(state) is null)
        {
            problems.Add($"Open case {state.Id} ({state.Status}) has no owner.");
        }

        var expected = ExpectedStageTimers(state).Order(StringComparer.Ordinal).ToList();
        var actual = state.Timers.Values.Where(t => !t.IsSupervision).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(actual))
        {
            problems.Add($"{state.Status} case {state.Id} has stage clocks [{string.Join(", ", actual)}]; expected [{string.Join(", ", expected)}].");
        }

        if (!state.Status.IsOpen() && (state.Timers.Count > 0 || state.Supervisions.Count > 0))
        {
            problems.Add($"Ended case {state.Id} still has clocks or supervisions.");
        }

        var supervisionKeys = state.Supervisions.Select(s => TimerKeys.Supervision(s.Id)).Order(StringComparer.Ordinal);
        if (!supervisionKeys.SequenceEqual(state.Timers.Values.Where(t => t.IsSupervision).Select(t => t.Key).Order(StringComparer.Ordinal)))
        {
            problems.Add($"Case {state.Id} has supervisions and supervision clocks that differ.");
        }

        if (state.IsSuspended && state.Status is not (CaseStatus.Dispatched or CaseStatus.Handling or CaseStatus.Handled))
        {
            problems.Add($"{state.Status} case {state.Id} is suspended.");
        }

        return problems;
    }

    private static IEnumerable<string> ExpectedStageTimers(CaseState state) => state.Status switch
    {
        CaseStatus.Reported => [TimerKeys.Verify],
        CaseStatus.Verified or CaseStatus.Accepted => [TimerKeys.Dispatch],
        CaseStatus.Dispatched or CaseStatus.Handling => state.Assignments
            .Where(a => a.Status != AssignmentStatus.Handled)
            .Select(a => a.Status == AssignmentStatus.AwaitingSignFor ? TimerKeys.SignFor(a.Department) : TimerKeys.Handle(a.Department)),
        CaseStatus.Handled => [TimerKeys.Inspect],
        _ => [],
    };
}
