using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// What the cluster itself tells a case, never a front-end: this interface lives with the grains, so clients built on
/// the grain interfaces cannot reach it, and the public <see cref="GrainInterfaces.Cases.ICaseGrain.Execute"/> refuses
/// system commands. The SLA clock reaches cases through <see cref="Deadlines.IDeadlineTarget"/>.
/// </summary>
[Alias("cityactors.case-link")]
public interface ICaseLinkGrain : IGrainWithStringKey
{
    /// <summary>A case merged into this one: its reporter now follows this case (idempotent per merged case).</summary>
    [Alias("link-reporter")]
    Task LinkReporter(string fromCaseId, Reporter? reporter);
}
