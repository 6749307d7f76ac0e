using CityActors.Domain.Vitals;

namespace CityActors.Domain.Tests.Vitals;

/// <summary>Vital signs count cases with a yellow clock (黄灯) beside the open and overdue ones, up the hierarchy like them.</summary>
public sealed class WarnedCaseCountTests
{
    [Fact]
    public void Warned_cases_are_counted_per_matter_and_added_up_from_the_units_below()
    {
        CaseMark[] marks = [new("0101", true, false, Warned: true), new("0101", true, true), new("0101", false, false, Warned: true), new("0501", true, false)];
        var child = new VitalTotals(new SensorCounts(0, 0, 0, 0), 0, [new MatterCaseCount("0101", 3, 1, 2)]);

        var totals = VitalTotals.Sum([], marks, [child]);

        // A closed case counts for nothing, even with a warned mark left over.
        totals.Cases.ShouldBe([new MatterCaseCount("0101", 5, 2, 3), new MatterCaseCount("0501", 1, 0, 0)]);
    }
}
