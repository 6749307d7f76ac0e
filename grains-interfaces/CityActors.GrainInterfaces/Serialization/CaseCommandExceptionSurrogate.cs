namespace CityActors.GrainInterfaces.Serialization;

/// <summary>The wire form of a refused command: its kind and message, so a client catches the same exception the grain threw.</summary>
[GenerateSerializer, Immutable, Alias("cityactors.case-command-refused")]
public readonly record struct CaseCommandExceptionSurrogate([property: Id(0)] int Kind, [property: Id(1)] string Message);
