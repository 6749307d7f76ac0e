namespace CityActors.Domain.Cases;

/// <summary>
/// The operations KPIs of the cases reported in a period, with the counts behind each ratio (so reports can be added up).
/// Formulas (docs/cases.md): see each property. Ratios are null when their denominator is zero.
/// </summary>
public sealed record CaseKpis(
    int Reported,
    int Accepted,
    int Dispatched,
    int Closed,
    int ClosedOnTime,
    int Due,
    int DueSuspended,
    int Inspected,
    int Reworked,
    int Returned,
    int Extended,
    int DispatchedOnTime,
    int Evaluated,
    double TotalHandlingHours,
    int TotalSatisfaction)
{
    /// <summary>按期结案率 = closed on time (no stage clock ever red, never suspended) / (due − suspended), where due = accepted cases that are closed or have had a red clock, and suspended = due cases that were ever suspended (缓办).</summary>
    public double? OnTimeClosureRate => Ratio(ClosedOnTime, Due - DueSuspended);

    /// <summary>结案率 = closed / accepted.</summary>
    public double? ClosureRate => Ratio(Closed, Accepted);

    /// <summary>返工率 = cases that failed inspection at least once / cases inspected at least once.</summary>
    public double? ReworkRate => Ratio(Reworked, Inspected);

    /// <summary>退单率 = dispatched cases returned at least once (by the department, for a department report) / dispatched cases.</summary>
    public double? ReturnRate => Ratio(Returned, Dispatched);

    /// <summary>延期率 = dispatched cases with an approved extension / dispatched cases.</summary>
    public double? ExtensionRate => Ratio(Extended, Dispatched);

    /// <summary>及时派遣率 = cases first dispatched before the dispatch clock turned red / dispatched cases.</summary>
    public double? TimelyDispatchRate => Ratio(DispatchedOnTime, Dispatched);

    /// <summary>平均处置时长 = mean natural hours from acceptance (立案) to closure (结案) over closed cases.</summary>
    public double? AverageHandlingHours => Closed == 0 ? null : TotalHandlingHours / Closed;

    /// <summary>满意度 = mean satisfaction (1–5) over evaluated cases.</summary>
    public double? Satisfaction => Evaluated == 0 ? null : (double)TotalSatisfaction / Evaluated;

    public static CaseKpis Compute(IEnumerable<CaseView> views, KpiScope scope)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(scope);
        int reported = 0, accepted = 0, dispatched = 0, closed = 0, onTime = 0, due = 0, dueSuspended = 0, inspected = 0, reworked = 0, returned = 0, extended = 0, dispatchedOnTime = 0, evaluated = 0, satisfaction = 0;
        var hours = 0.0;
        foreach (var view in views.Where(scope.Includes))
        {
            reported++;
            if (view.AcceptedAt is null)
            {
                continue;
            }

            accepted++;
            var isClosed = view.Status == CaseStatus.Closed;
            if (isClosed || view.EverOverdue)
            {
                due++;
                dueSuspended += view.EverSuspended ? 1 : 0;
                onTime += view.ClosedOnTime && !view.EverSuspended ? 1 : 0;
            }

            if (isClosed)
            {
                closed++;
                hours += (view.ClosedAt!.Value - view.AcceptedAt.Value).TotalHours;
            }

            if (isClosed || view.Reworks > 0)
            {
                inspected++;
                reworked += view.Reworks > 0 ? 1 : 0;
            }

            if (view.FirstDispatchedAt is not null)
            {
                dispatched++;
                returned += (scope.Department is null ? view.Returns > 0 : view.ReturnedBy.Contains(scope.Department)) ? 1 : 0;
                extended += view.ExtensionsApproved > 0 ? 1 : 0;
                dispatchedOnTime += view.DispatchedOnTime == true ? 1 : 0;
            }

            if (view.Satisfaction is { } score)
            {
                evaluated++;
                satisfaction += score;
            }
        }

        return new CaseKpis(reported, accepted, dispatched, closed, onTime, due, dueSuspended, inspected, reworked, returned, extended, dispatchedOnTime, evaluated, hours, satisfaction);
    }

    private static double? Ratio(int numerator, int denominator) => denominator <= 0 ? null : (double)numerator / denominator;
}
