using CityActors.Domain.Cases;

namespace CityActors.Domain.Vitals;

/// <summary>What vital signs count of one case: its matter and whether it is open, overdue (a stage clock red) and warned (one yellow).</summary>
public sealed record CaseMark(string MatterCode, bool Open, bool Overdue, bool Warned = false)
{
    public static CaseMark? Of(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == CaseStatus.None)
        {
            return null;
        }

        var open = state.Status.IsOpen();
        return new(
            state.Report!.MatterCode,
            open,
            open && state.Timers.Values.Any(t => !t.IsSupervision && t.Phase == TimerPhase.Overdue),
            open && state.Timers.Values.Any(t => !t.IsSupervision && t.Phase == TimerPhase.Warned));
    }

    /// <summary>The same mark read from a case's view (the read model's copy of its state).</summary>
    public static CaseMark Of(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var open = view.Status.IsOpen();
        return new(view.MatterCode, open, open && view.Overdue, open && view.Warned);
    }

    /// <summary>The lowest org unit of a case's place: its grid cell, or its community when it has none.</summary>
    public static string UnitOf(CasePlace place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return place.GridCode ?? place.CommunityCode;
    }
}
