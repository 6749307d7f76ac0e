namespace CityActors.Domain.Cases;

/// <summary>立案; dispatches at once when the catalogue names a single owner.</summary>
public sealed record AcceptCase(Actor By, string? Note = null) : CaseCommand(By);
