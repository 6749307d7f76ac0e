using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>A case as the projection stores it: the state folded from its journal and the view derived from that state.</summary>
public sealed record ProjectedCase(CaseState State, CaseView View)
{
    public static ProjectedCase Of(CaseState state) => new(state, CaseView.From(state));
}
