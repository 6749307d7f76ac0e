using CityActors.Domain.Cases;

namespace CityActors.Domain.Vitals;

/// <summary>What vital signs count of one case: its matter and whether it is open, overdue (a stage clock red) and warned (one yellow).</summary>
public sealed record CaseMark(string MatterCode, bool Open, bool Overdue, bool Warned = false)
{
    /// <summary>A case's mark as its view (the read model's copy of its state) shows it.</summary>
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
