using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace CityActors.Runtime.CodeGen;

/// <summary>Turns a grain interface symbol into a <see cref="GrainInterfaceModel"/>, collecting diagnostics for what cannot be proxied.</summary>
internal static class GrainInterfaceAnalyzer
{
    public const string GrainMarker = "CityActors.IGrain";

    private static readonly HashSet<string> MarkerInterfaces = new(StringComparer.Ordinal)
    {
        "CityActors.IGrain",
        "CityActors.IGrainWithStringKey",
        "CityActors.IGrainWithGuidKey",
        "CityActors.IGrainWithIntegerKey",
    };

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static bool IsGrainInterface(INamedTypeSymbol symbol) =>
        symbol.TypeKind == TypeKind.Interface
        && !MarkerInterfaces.Contains(MetadataName(symbol))
        && symbol.AllInterfaces.Any(i => MetadataName(i) == GrainMarker);

    public static GrainInterfaceModel Analyze(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticModel>();
        var location = symbol.Locations.FirstOrDefault();
        if (symbol.IsGenericType)
        {
            diagnostics.Add(DiagnosticModel.Create("CAG003", $"Grain interface '{symbol.Name}' is generic; generic grain interfaces are not supported.", location));
        }

        var methods = new List<GrainMethodModel>();
        foreach (var iface in new[] { symbol }.Concat(symbol.AllInterfaces))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MarkerInterfaces.Contains(MetadataName(iface)) || !iface.AllInterfaces.Any(i => MetadataName(i) == GrainMarker))
            {
                continue;
            }

            foreach (var member in iface.GetMembers())
            {
                var method = AnalyzeMember(iface, member, diagnostics);
                if (method is not null)
                {
                    methods.Add(method);
                }
            }
        }

        var grainType = ResolveGrainType(symbol, diagnostics, location);
        var ns = symbol.ContainingNamespace.IsGlobalNamespace ? string.Empty : symbol.ContainingNamespace.ToDisplayString();
        return new GrainInterfaceModel(
            ns,
            symbol.Name,
            symbol.ToDisplayString(TypeFormat),
            symbol.ToDisplayString(),
            grainType,
            ResolveKeyKind(symbol),
            new EquatableArray<GrainMethodModel>(methods.ToImmutableArray()),
            new EquatableArray<DiagnosticModel>(diagnostics.ToImmutableArray()));
    }

    /// <summary>
    /// The grain type is part of every grain's identity and shard hash, so it must never change by accident:
    /// an explicit [GrainType("...")] wins, otherwise it is the interface name without the leading 'I' and
    /// trailing 'Grain', in kebab case (ICaseGrain → "case", IOpsCenterGrain → "ops-center").
    /// </summary>
    public static string DeriveGrainType(string interfaceName)
    {
        var name = interfaceName;
        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name.Substring(1);
        }

        if (name.Length > "Grain".Length && name.EndsWith("Grain", StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - "Grain".Length);
        }

        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                || (i + 1 < name.Length && char.IsUpper(name[i - 1]) && char.IsLower(name[i + 1]))))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static GrainMethodModel? AnalyzeMember(INamedTypeSymbol iface, ISymbol member, List<DiagnosticModel> diagnostics)
    {
        var location = member.Locations.FirstOrDefault();
        if (member is not IMethodSymbol method)
        {
            if (!member.IsStatic)
            {
                diagnostics.Add(DiagnosticModel.Create("CAG003", $"'{iface.Name}.{member.Name}': grain interfaces may declare only methods.", location));
            }

            return null;
        }

        if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || !method.IsAbstract)
        {
            return null;
        }

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticModel.Create("CAG003", $"'{iface.Name}.{method.Name}' is generic; generic grain methods are not supported.", location));
            return null;
        }

        var returnKind = ClassifyReturn(method.ReturnType, out var resultType);
        if (returnKind is null)
        {
            diagnostics.Add(DiagnosticModel.Create(
                "CAG001",
                $"'{iface.Name}.{method.Name}' returns '{method.ReturnType.ToDisplayString()}'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.",
                location));
            return null;
        }

        var parameters = new List<ParameterModel>();
        var tokens = 0;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                diagnostics.Add(DiagnosticModel.Create(
                    "CAG002",
                    $"'{iface.Name}.{method.Name}' parameter '{parameter.Name}' is passed by reference; grain calls pass values only.",
                    parameter.Locations.FirstOrDefault() ?? location));
                return null;
            }

            var isToken = parameter.Type.ToDisplayString() == "System.Threading.CancellationToken";
            tokens += isToken ? 1 : 0;
            parameters.Add(new ParameterModel(parameter.Type.ToDisplayString(TypeFormat), parameter.Name, isToken));
        }

        if (tokens > 1)
        {
            diagnostics.Add(DiagnosticModel.Create("CAG002", $"'{iface.Name}.{method.Name}' declares more than one CancellationToken.", location));
            return null;
        }

        var timeoutTicks = ReadTimeout(iface, method, diagnostics, location);
        return new GrainMethodModel(
            iface.ToDisplayString(TypeFormat),
            iface.ToDisplayString(),
            method.Name,
            returnKind.Value,
            resultType,
            new EquatableArray<ParameterModel>(parameters.ToImmutableArray()),
            HasAttribute(method, "CityActors.ReadOnlyAttribute"),
            HasAttribute(method, "CityActors.AlwaysInterleaveAttribute"),
            timeoutTicks);
    }

    private static long ReadTimeout(INamedTypeSymbol iface, IMethodSymbol method, List<DiagnosticModel> diagnostics, Location? location)
    {
        var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && MetadataName(c) == "CityActors.ResponseTimeoutAttribute");
        if (attribute is null)
        {
            return -1;
        }

        var text = attribute.ConstructorArguments.FirstOrDefault().Value as string;
        if (text is null || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var timeout) || timeout <= TimeSpan.Zero)
        {
            diagnostics.Add(DiagnosticModel.Create("CAG004", $"'{iface.Name}.{method.Name}': ResponseTimeout(\"{text}\") is not a positive TimeSpan such as \"00:00:05\".", location));
            return -1;
        }

        return timeout.Ticks;
    }

    private static ReturnKind? ClassifyReturn(ITypeSymbol type, out string resultType)
    {
        resultType = "global::CityActors.Runtime.Invocation.Unit";
        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        var name = MetadataName(named.OriginalDefinition);
        switch (name)
        {
            case "System.Threading.Tasks.Task":
                return ReturnKind.Task;
            case "System.Threading.Tasks.ValueTask":
                return ReturnKind.ValueTask;
            case "System.Threading.Tasks.Task`1":
                resultType = named.TypeArguments[0].ToDisplayString(TypeFormat);
                return ReturnKind.TaskOfT;
            case "System.Threading.Tasks.ValueTask`1":
                resultType = named.TypeArguments[0].ToDisplayString(TypeFormat);
                return ReturnKind.ValueTaskOfT;
            default:
                return null;
        }
    }

    private static string ResolveGrainType(INamedTypeSymbol symbol, List<DiagnosticModel> diagnostics, Location? location)
    {
        var attribute = symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && MetadataName(c) == "CityActors.GrainTypeAttribute");
        var grainType = attribute?.ConstructorArguments.FirstOrDefault().Value as string ?? DeriveGrainType(symbol.Name);
        if (!IsValidGrainType(grainType))
        {
            diagnostics.Add(DiagnosticModel.Create(
                "CAG005",
                $"Grain type '{grainType}' of '{symbol.Name}' is invalid: use lowercase letters, digits, '-' and '.', starting with a letter or digit.",
                location));
        }

        return grainType;
    }

    private static bool IsValidGrainType(string value) =>
        value.Length > 0
        && char.IsLetterOrDigit(value[0])
        && value.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.');

    private static string ResolveKeyKind(INamedTypeSymbol symbol)
    {
        var all = symbol.AllInterfaces.Select(MetadataName).ToImmutableHashSet();
        if (all.Contains("CityActors.IGrainWithStringKey"))
        {
            return "String";
        }

        if (all.Contains("CityActors.IGrainWithGuidKey"))
        {
            return "Guid";
        }

        return all.Contains("CityActors.IGrainWithIntegerKey") ? "Integer" : "None";
    }

    private static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { } c && MetadataName(c) == metadataName);

    private static string MetadataName(INamedTypeSymbol symbol) =>
        symbol.ContainingNamespace is { IsGlobalNamespace: false } ns
            ? ns.ToDisplayString() + "." + symbol.MetadataName
            : symbol.MetadataName;
}
