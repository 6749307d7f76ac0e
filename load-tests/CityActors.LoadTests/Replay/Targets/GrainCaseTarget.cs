using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.LoadTests.Replay.Targets;

/// <summary>Commands as a front-end on the cluster client sends them: <see cref="ICaseGrain.Execute"/>.</summary>
public sealed class GrainCaseTarget(IGrainFactory grains) : ICaseTarget
{
    public string Name => "grains";

    public async Task<CaseAnswer> ExecuteAsync(string caseId, CaseCommand command, CancellationToken cancellationToken)
    {
        var view = await grains.GetGrain<ICaseGrain>(caseId).Execute(command).WaitAsync(cancellationToken).ConfigureAwait(false);
        return new CaseAnswer(view.Version, view.Status, view.Lead);
    }

    public Task<IReadOnlyList<CaseEvent>> HistoryAsync(string caseId, CancellationToken cancellationToken) =>
        grains.GetGrain<ICaseGrain>(caseId).GetHistory().WaitAsync(cancellationToken);
}
