namespace CityActors;

/// <summary>Anything that has a grain identity: grain references held by callers and grain instances themselves.</summary>
public interface IAddressable
{
    GrainId GrainId { get; }
}
