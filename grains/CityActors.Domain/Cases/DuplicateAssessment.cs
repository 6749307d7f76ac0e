namespace CityActors.Domain.Cases;

/// <summary>
/// A learned model's judgement at intake of whether a new report repeats an open case: the best candidate (the nearest
/// open case of the same matter) with the model's probability and the evidence it weighed, so the journal says why a
/// case was or was not flagged.
/// </summary>
/// <param name="CandidateId">The open case the report may repeat.</param>
/// <param name="Score">The model's probability that the report is a duplicate.</param>
/// <param name="Threshold">The model's duplicate threshold (chosen on held-out history).</param>
/// <param name="ModelVersion">The model that scored it.</param>
/// <param name="Meters">Distance to the candidate.</param>
/// <param name="Hours">Hours since the candidate was reported.</param>
/// <param name="TextSimilarity">Best word overlap (Jaccard) with an open case of the same matter nearby.</param>
/// <param name="SameMatterNearby">Open cases of the same matter within 100 m.</param>
/// <param name="OtherMattersNearby">Open cases of other matters within 100 m.</param>
public sealed record DuplicateAssessment(
    string CandidateId,
    double Score,
    double Threshold,
    string ModelVersion,
    double Meters,
    double Hours,
    double TextSimilarity,
    int SameMatterNearby,
    int OtherMattersNearby)
{
    /// <summary>At or above the threshold: the case is flagged as a possible duplicate of the candidate.</summary>
    public bool IsDuplicate => Score >= Threshold;
}
