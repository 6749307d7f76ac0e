using Orleans.Serialization.Cloning;


namespace CityActors.GrainInterfaces.Serialization;

/// <summary>The copier for <see cref="ImmutableDomainRecords"/>: the copy is the instance itself.</summary>
internal sealed class ImmutableDomainCopier : IGeneralizedCopier
{
    public object? DeepCopy(object? input, CopyContext context) => input;

    public bool IsSupportedType(Type type) => !type.IsAbstract && ImmutableDomainRecords.IsImmutable(type);
}
