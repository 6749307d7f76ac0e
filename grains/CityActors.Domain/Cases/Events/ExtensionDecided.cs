namespace CityActors.Domain.Cases;

/// <summary>A centre leader approved or refused the department's extension request (an approval is followed by the rescheduled clock).</summary>
public sealed record ExtensionDecided(EventMeta Meta, string Department, bool Approved) : CaseEvent(Meta);
