using System.Collections.Immutable;
using CityActors.Runtime.CodeGen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CityActors.Runtime.Tests;

/// <summary>Runs the proxy generator on source text, as the compiler does during a build.</summary>
public sealed class CodeGenTests
{
    [Fact]
    public void Generated_proxies_compile_for_every_supported_signature()
    {
        var (output, diagnostics) = Run("""
            using System.Threading;
            using System.Threading.Tasks;
            namespace Demo;
            [CityActors.GrainType("ops-centre")]
            public interface IOpsCenterGrain : CityActors.IGrainWithStringKey
            {
                Task Void();
                Task<string?> Nullable(string? text, int @class);
                ValueTask ValueVoid(CancellationToken cancellationToken);
                [CityActors.ReadOnly, CityActors.ResponseTimeout("00:00:05")]
                ValueTask<int[]> Values(long a, System.Collections.Generic.List<string> b);
                Task<int> Overload(int a);
                Task<int> Overload(string a);
            }
            public interface IBaseGrain : CityActors.IGrainWithStringKey { Task Base(); }
            public interface IDerivedGrain : IBaseGrain { Task Derived(); }
            """);

        diagnostics.ShouldBeEmpty();
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors));
        var generated = string.Join("\n", output.SyntaxTrees.Skip(1).Select(t => t.ToString()));
        generated.ShouldContain("\"ops-centre\"");
        generated.ShouldContain("\"derived\"");
        generated.ShouldContain("global::System.TimeSpan.FromTicks(50000000)");
    }

    [Theory]
    [InlineData("int Sync();", "CAG001", "grain methods must return Task")]
    [InlineData("Task Ref(ref int value);", "CAG002", "passed by reference")]
    [InlineData("Task Generic<T>(T value);", "CAG003", "generic grain methods are not supported")]
    [InlineData("string Name { get; }", "CAG003", "may declare only methods")]
    [InlineData("[CityActors.ResponseTimeout(\"soon\")] Task Slow();", "CAG004", "is not a positive TimeSpan")]
    public void Unsupported_members_are_reported_at_build_time(string member, string id, string message)
    {
        var (_, diagnostics) = Run($$"""
            using System.Threading.Tasks;
            public interface IBadGrain : CityActors.IGrainWithStringKey { {{member}} }
            """);

        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(id);
        diagnostic.GetMessage().ShouldContain(message);
        diagnostic.Location.GetLineSpan().Path.ShouldBe("Grains.cs");
        diagnostic.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(1);
    }

    [Theory]
    [InlineData("ICaseGrain", "case")]
    [InlineData("IOpsCenterGrain", "ops-center")]
    [InlineData("IGridCellGrain", "grid-cell")]
    [InlineData("IIoTSensorGrain", "io-t-sensor")]
    [InlineData("Grain", "grain")]
    [InlineData("IHTTPGateway", "http-gateway")]
    public void Grain_type_names_derive_from_interface_names(string interfaceName, string expected) =>
        GrainInterfaceAnalyzer.DeriveGrainType(interfaceName).ShouldBe(expected);

    private static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(IGrain).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "Generated",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Grains.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new GrainProxyGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics);
    }
}
