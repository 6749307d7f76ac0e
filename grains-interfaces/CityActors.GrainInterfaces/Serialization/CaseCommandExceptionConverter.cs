using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.Serialization;

/// <summary>Carries <see cref="CaseCommandException"/> with its <see cref="CaseCommandException.Kind"/> (Orleans' generic exception codec keeps only the message).</summary>
[RegisterConverter]
public sealed class CaseCommandExceptionConverter : IConverter<CaseCommandException, CaseCommandExceptionSurrogate>
{
    public CaseCommandException ConvertFromSurrogate(in CaseCommandExceptionSurrogate surrogate) => new((CaseErrorKind)surrogate.Kind, surrogate.Message);

    public CaseCommandExceptionSurrogate ConvertToSurrogate(in CaseCommandException value) => new((int)value.Kind, value.Message);
}
