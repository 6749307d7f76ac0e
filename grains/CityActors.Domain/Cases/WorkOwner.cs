namespace CityActors.Domain.Cases;

/// <summary>Whose desk a piece of work is on.</summary>
public sealed record WorkOwner(OwnerKind Kind, string Code)
{
    public static WorkOwner Centre(string unitCode) => new(OwnerKind.Centre, unitCode);

    public static WorkOwner Department(string code) => new(OwnerKind.Department, code);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Code}";
}
