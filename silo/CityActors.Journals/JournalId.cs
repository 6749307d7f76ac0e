namespace CityActors.Journals;

/// <summary>Names one journal: the grain type that owns it and that grain's key.</summary>
public readonly record struct JournalId(string GrainType, string Key)
{
    public override string ToString() => $"{GrainType}/{Key}";
}
