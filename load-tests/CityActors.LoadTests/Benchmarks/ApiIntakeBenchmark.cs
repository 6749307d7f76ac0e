using CityActors.Api.Security;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;
using CityActors.LoadTests.Setup;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// The API host as the README starts it (embedded silo, NYC demo city) under concurrent HTTP clients, each driving one
/// case after another: Open311 <c>POST requests</c>, then verify, accept, sign for, report handled and inspect through
/// the REST API (<see cref="HttpCaseLifecycleDriver"/>). Baseline, same run and host: the same six commands sent to
/// the case grains directly through the host's grain factory (<see cref="CaseLifecycleDriver"/>), as a front-end on the
/// cluster client would. The ratio is what HTTP, JSON, tokens and the API's checks cost.
/// </summary>
public static class ApiIntakeBenchmark
{
    public const int DefaultCallers = 64;

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var callers = settings.Callers ?? DefaultCallers;
        var warmup = settings.WarmupOr(3);
        var duration = settings.DurationOr(10);
        var plans = CasePlan.For(DemoCity.Nyc);
        await using var host = await EmbeddedApiHost.StartAsync().ConfigureAwait(false);
        log.WriteLine($"api-intake: {callers:N0} HTTP clients against the embedded API host at {host.Url}, 6 requests per case, {warmup.TotalSeconds}s warm-up + {duration.TotalSeconds}s per phase");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = callers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromSeconds(60) };
        using var overHttp = new HttpCaseLifecycleDriver(http, host.Services.GetRequiredService<ApiTokens>(), plans);
        var cases = await LoadRun.RunAsync(callers, warmup, duration, overHttp.DriveAsync).ConfigureAwait(false);
        var (byRequest, all) = overHttp.Latencies();
        var requestsPerSecond = all.Count / cases.Elapsed.TotalSeconds;
        var summary = all.Summary();
        log.WriteLine($"  over HTTP: {requestsPerSecond,8:N0} requests/s, {cases.OpsPerSecond:N0} cases/s; per request {summary.InMilliseconds()}"
            + (cases.Failures == 0 ? "" : $"; {cases.Failures:N0} cases failed, first: {cases.FirstFailure}"));
        for (var i = 0; i < byRequest.Count; i++)
        {
            log.WriteLine($"    {HttpCaseLifecycleDriver.Requests[i],-12} {byRequest[i].Summary().InMilliseconds()}");
        }

        using var direct = new CaseLifecycleDriver(host.Services.GetRequiredService<IGrainFactory>(), plans, "direct-");
        var baseline = await LoadRun.RunAsync(callers, warmup, duration, direct.DriveAsync).ConfigureAwait(false);
        var (_, directAll) = direct.Latencies();
        var commandsPerSecond = directAll.Count / baseline.Elapsed.TotalSeconds;
        log.WriteLine($"  baseline, grain calls through the host's grain factory: {commandsPerSecond,8:N0} commands/s, {baseline.OpsPerSecond:N0} cases/s; per command {directAll.Summary().InMilliseconds()}");
        log.WriteLine($"  ratio HTTP / direct: {requestsPerSecond / commandsPerSecond:N2}");

        return new BenchmarkReport("api-intake", requestsPerSecond, commandsPerSecond, summary.P50Microseconds, summary.P99Microseconds)
        {
            MaxMicroseconds = summary.MaxMicroseconds,
            Extra =
            [
                new("cases_per_s", Math.Round(cases.OpsPerSecond, 1)),
                new("callers", callers),
                new("baseline_p99_us", Math.Round(directAll.Summary().P99Microseconds, 1)),
                new("failures", cases.Failures + baseline.Failures),
            ],
        };
    }
}
