using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CityActors.Runtime.CodeGen;

/// <summary>Incremental generator: one proxy source per grain interface declared in the compilation.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainProxyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider.CreateSyntaxProvider(
                predicate: static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                transform: static (ctx, ct) =>
                {
                    var symbol = ctx.SemanticModel.GetDeclaredSymbol(ctx.Node, ct) as INamedTypeSymbol;
                    return symbol is not null && GrainInterfaceAnalyzer.IsGrainInterface(symbol)
                        ? GrainInterfaceAnalyzer.Analyze(symbol, ct)
                        : null;
                })
            .Where(static m => m is not null)
            .Collect();

        context.RegisterSourceOutput(models, static (spc, all) =>
        {
            var seen = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
            foreach (var model in all)
            {
                // A partial interface has several declarations; emit it once.
                if (model is null || !seen.Add(model.FullName))
                {
                    continue;
                }

                foreach (var diagnostic in model.Diagnostics)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }

                if (model.Diagnostics.Length == 0)
                {
                    spc.AddSource(ProxyEmitter.HintName(model), ProxyEmitter.Emit(model));
                }
            }
        });
    }
}
