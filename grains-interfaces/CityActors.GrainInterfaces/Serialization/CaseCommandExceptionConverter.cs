using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.Serialization;

/// <summary>The wire form of a refused command: its kind and message, so a client catches the same exception the grain threw.</summary>
[GenerateSerializer, Immutable, Alias("cityactors.case-command-refused")]
public readonly record struct CaseCommandExceptionSurrogate([property: Id(0)] int Kind, [property: Id(1)] string Message);

/// <summary>Carries <see cref="CaseCommandException"/> with its <see cref="CaseCommandException.Kind"/> (Orleans' generic exception codec keeps only the message).</summary>
[RegisterConverter]
public sealed class CaseCommandExceptionConverter : IConverter<CaseCommandException, CaseCommandExceptionSurrogate>
{
    public CaseCommandException ConvertFromSurrogate(in CaseCommandExceptionSurrogate surrogate) => new((CaseErrorKind)surrogate.Kind, surrogate.Message);

    public CaseCommandExceptionSurrogate ConvertToSurrogate(in CaseCommandException value) => new((int)value.Kind, value.Message);
}
