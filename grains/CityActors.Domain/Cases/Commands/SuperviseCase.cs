using CityActors.Domain.Calendar;

namespace CityActors.Domain.Cases;

/// <summary>督办 from a district or city centre, with its own limit (the rules' default when none is given).</summary>
public sealed record SuperviseCase(Actor By, string Text, TimeLimit? Limit = null) : CaseCommand(By);
