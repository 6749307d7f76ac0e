namespace CityActors.Domain.Cases;

/// <summary>An open case near a new report, as the duplicate index found it: what a learned duplicate score weighs.</summary>
/// <param name="CaseId">The open case.</param>
/// <param name="MatterCode">Its matter.</param>
/// <param name="Meters">Its distance from the new report.</param>
/// <param name="ReportedAt">When it was reported.</param>
/// <param name="Text">The start of its description (<see cref="OpenCaseMark.MaxTextLength"/> characters).</param>
public sealed record DuplicateCandidate(string CaseId, string MatterCode, double Meters, DateTimeOffset ReportedAt, string Text);
