using System.Text.Json;
using CityActors.Api.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Orleans.Runtime;
using Orleans.Serialization;

namespace CityActors.Api.Tests;

/// <summary>
/// What a failure inside the cluster becomes at the API: a call that could not be carried through is 503 with the
/// unavailable problem; a silo exception that could not be rebuilt in the API is 503 too, and logged, since it hides
/// the silo's own failure; anything else is left to the host's default answer (a fault of the API).
/// </summary>
public sealed class ClusterFailureMappingTests
{
    public static TheoryData<Exception, bool> Failures() => new()
    {
        { new SiloUnavailableException("silo S10.0.0.2:11111:1 is dead"), false },
        { new TimeoutException("Response did not arrive on time in 00:00:30"), false },
        { new CodecNotFoundException("Could not find a codec for type Npgsql.NpgsqlBatchCommand."), true },
        { new UnavailableExceptionFallbackException("Failed to construct exception of type \"Npgsql.NpgsqlException\"", new MissingMethodException()), true },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_call_the_cluster_could_not_carry_through_is_answered_unavailable(Exception failure, bool logged)
    {
        var logger = new FakeLogger<ClusterUnavailableExceptionHandler>();
        var context = NewContext();

        var handled = await new ClusterUnavailableExceptionHandler(logger).TryHandleAsync(context, failure, CancellationToken.None);

        handled.ShouldBeTrue();
        context.Response.StatusCode.ShouldBe(503);
        context.Response.Body.Position = 0;
        var problem = JsonDocument.Parse(context.Response.Body).RootElement;
        problem.GetProperty("type").GetString().ShouldBe(ApiProblems.TypeBase + "unavailable");
        problem.GetProperty("detail").GetString()!.ShouldContain("read it back");
        logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Error).Select(r => r.Exception).ShouldBe(logged ? [failure] : []);
    }

    [Fact]
    public async Task A_fault_of_the_api_itself_is_not_passed_off_as_unavailability()
    {
        var context = NewContext();

        var handled = await new ClusterUnavailableExceptionHandler(new FakeLogger<ClusterUnavailableExceptionHandler>())
            .TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None);

        handled.ShouldBeFalse();
        context.Response.Body.Length.ShouldBe(0);
    }

    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/cases";
        context.Response.Body = new MemoryStream();
        return context;
    }
}
