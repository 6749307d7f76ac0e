namespace CityActors.Domain.Matters;

/// <summary>A versioned catalogue of matters, with a statement of where its classes and limits come from.</summary>
public sealed record MatterCatalogue(string Id, string Name, string Version, string Source, IReadOnlyList<Matter> Matters)
{
    private readonly Dictionary<string, Matter> _byCode = Matters.ToDictionary(m => m.Code, StringComparer.Ordinal);

    public Matter? Find(string code) => _byCode.GetValueOrDefault(code);
}
