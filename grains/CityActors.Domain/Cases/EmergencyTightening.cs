using CityActors.Domain.Calendar;
using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

/// <summary>
/// Limits an emergency profile set for a case at intake (平战切换): the profile, the centre that switched it on, and
/// the stages whose limits it replaced. Recorded on the case's report, so the case keeps them for its whole life.
/// </summary>
public sealed record EmergencyTightening(string ProfileCode, string CentreCode, IReadOnlyDictionary<CaseStage, TimeLimit> Limits);
