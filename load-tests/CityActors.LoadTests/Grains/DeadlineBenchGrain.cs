using System.Globalization;
using CityActors.Deadlines;
using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Grains;

/// <summary>
/// Receives the benchmark's deadlines and logs each one's arrival. Keys are "g{n}" and pending deadline names "d{j}",
/// so deadline number j × grains + n can be logged without a lookup; the grain type is fixed so rows can be bulk-loaded
/// for it (<see cref="GrainTypeName"/>).
/// </summary>
[GrainType(GrainTypeName)]
public sealed class DeadlineBenchGrain(IDeadlines deadlines, FiringLog log, DeadlineNumbering numbering) : Grain, IDeadlineBenchGrain, IDeadlineTarget
{
    public const string GrainTypeName = "deadline-bench";

    public Task Set(string name, DateTimeOffset due) => deadlines.SetAsync(this.GetGrainId(), name, due);

    public Task OnDeadlineApproaching() => Task.CompletedTask;

    public Task OnDeadline(DeadlineFired deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var arrived = DateTimeOffset.UtcNow;
        if (deadline.Name.StartsWith(DeadlineNumbering.PendingPrefix, StringComparison.Ordinal))
        {
            var grain = int.Parse(this.GetPrimaryKeyString().AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture);
            var slot = int.Parse(deadline.Name.AsSpan(DeadlineNumbering.PendingPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
            log.Record(numbering.IndexOf(grain, slot), deadline.Due, arrived);
        }

        return Task.CompletedTask;
    }
}
