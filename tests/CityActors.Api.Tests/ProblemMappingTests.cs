using System.Text.Json;
using CityActors.Domain.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Api.Tests;

/// <summary>Every kind of case refusal maps to its own status and stable problem type (conflicts cannot be provoked over HTTP on one silo).</summary>
public sealed class ProblemMappingTests
{
    [Theory]
    [InlineData(CaseErrorKind.Invalid, 400, "invalid")]
    [InlineData(CaseErrorKind.Forbidden, 403, "forbidden")]
    [InlineData(CaseErrorKind.InvalidTransition, 409, "refused-transition")]
    [InlineData(CaseErrorKind.NotFound, 404, "not-found")]
    [InlineData(CaseErrorKind.Conflict, 409, "conflict")]
    public async Task Each_refusal_kind_has_its_status_and_type(CaseErrorKind kind, int status, string type)
    {
        Enum.GetValues<CaseErrorKind>().Length.ShouldBe(5, "a new kind needs its row here and its mapping in ApiProblems");
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await ApiProblems.From(new CaseCommandException(kind, "why"), "hl-1", "verify").ExecuteAsync(context);

        context.Response.StatusCode.ShouldBe(status);
        context.Response.Body.Position = 0;
        var problem = JsonDocument.Parse(context.Response.Body).RootElement;
        problem.GetProperty("type").GetString().ShouldBe(ApiProblems.TypeBase + type);
        problem.GetProperty("detail").GetString().ShouldBe("why");
        problem.GetProperty("caseId").GetString().ShouldBe("hl-1");
        problem.GetProperty("command").GetString().ShouldBe("verify");
    }
}
