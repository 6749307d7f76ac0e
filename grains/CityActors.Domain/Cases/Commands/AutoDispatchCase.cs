namespace CityActors.Domain.Cases;

/// <summary>
/// 智能派遣: dispatches an accepted case to the one department a learned model suggests, because its confidence clears
/// the gate. Sent by the cluster's dispatch assistant only (never through the public case interface), so the confidence
/// and the threshold in the journal are the model's own. Undone like any dispatch: the lead department returns it.
/// </summary>
/// <param name="By">The dispatch assistant (<see cref="Actor.Assistant"/>).</param>
/// <param name="Lead">The suggested department.</param>
/// <param name="ModelVersion">The model that made the suggestion.</param>
/// <param name="Confidence">The model's probability for <paramref name="Lead"/>.</param>
/// <param name="Threshold">The gate the confidence had to reach.</param>
public sealed record AutoDispatchCase(Actor By, string Lead, string ModelVersion, double Confidence, double Threshold) : CaseCommand(By);
