using CityActors.Domain.Cases;

namespace CityActors.Domain.Cases;

/// <summary>Position in the newest-first order: report time (UTC ticks) then case id.</summary>
public readonly record struct CaseCursor(long ReportedTicks, string CaseId)
{
    public static CaseCursor Of(CaseView view) => new(view.ReportedAt.UtcTicks, view.Id);

    /// <summary>Whether <paramref name="view"/> comes after this cursor in newest-first order.</summary>
    public bool Precedes(CaseView view) =>
        view.ReportedAt.UtcTicks < ReportedTicks || (view.ReportedAt.UtcTicks == ReportedTicks && string.CompareOrdinal(view.Id, CaseId) > 0);

    public override string ToString() => $"{ReportedTicks}~{CaseId}";

    public static bool TryParse(string text, out CaseCursor cursor)
    {
        cursor = default;
        var split = text.IndexOf('~', StringComparison.Ordinal);
        if (split <= 0 || !long.TryParse(text.AsSpan(0, split), out var ticks) || split == text.Length - 1)
        {
            return false;
        }

        cursor = new CaseCursor(ticks, text[(split + 1)..]);
        return true;
    }
}
