using System;
using Microsoft.CodeAnalysis;

namespace CityActors.Runtime.CodeGen;

internal static class Descriptors
{
    private const string Category = "CityActors.CodeGen";

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create("CAG001", "Grain method must return Task, Task<T>, ValueTask or ValueTask<T>");
    public static readonly DiagnosticDescriptor UnsupportedParameter = Create("CAG002", "Grain method parameter is not supported");
    public static readonly DiagnosticDescriptor UnsupportedMember = Create("CAG003", "Grain interface member is not supported");
    public static readonly DiagnosticDescriptor InvalidTimeout = Create("CAG004", "ResponseTimeout value is not a valid positive TimeSpan");
    public static readonly DiagnosticDescriptor InvalidGrainType = Create("CAG005", "Grain type name is invalid");

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "CAG001" => UnsupportedReturnType,
        "CAG002" => UnsupportedParameter,
        "CAG003" => UnsupportedMember,
        "CAG004" => InvalidTimeout,
        "CAG005" => InvalidGrainType,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown diagnostic id."),
    };

    private static DiagnosticDescriptor Create(string id, string title) =>
        new(id, title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
