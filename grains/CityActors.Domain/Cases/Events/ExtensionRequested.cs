namespace CityActors.Domain.Cases;

/// <summary>延期 asked for: <paramref name="Extra"/> more time on the department's handling limit.</summary>
public sealed record ExtensionRequested(EventMeta Meta, string Department, TimeSpan Extra) : CaseEvent(Meta);
