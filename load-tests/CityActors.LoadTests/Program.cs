using CityActors.LoadTests.Benchmarks;
using CityActors.LoadTests.Replay;

// Usage: bench <name> [options], or replay [options] (docs/replay.md). Human-readable progress goes to stdout first; the last line of stdout is one JSON
// object for scripts. Logs of the silos go to stderr only, so nothing can follow the JSON line on stdout.
// One entry per benchmark, one line each.
var benchmarks = new Dictionary<string, Func<BenchmarkSettings, TextWriter, Task<BenchmarkReport>>>(StringComparer.Ordinal)
{
    ["local-calls"] = LocalCallsBenchmark.RunAsync,
    ["geo-lookup"] = GeoLookupBenchmark.RunAsync,
    ["cross-silo-calls"] = CrossSiloCallsBenchmark.RunAsync,
    ["durable-writes"] = DurableWritesBenchmark.RunAsync,
    ["deadlines"] = DeadlinesBenchmark.RunAsync,
    ["case-lifecycle"] = CaseLifecycleBenchmark.RunAsync,
    ["failover"] = FailoverBenchmark.RunAsync,
    ["api-intake"] = ApiIntakeBenchmark.RunAsync,
    ["sensor-ingest"] = SensorIngestBenchmark.RunAsync,
    ["assist-suggest"] = AssistSuggestBenchmark.RunAsync,
    ["assist-intake"] = AssistIntakeBenchmark.RunAsync,
};

if (args.Length >= 1 && args[0] == "replay")
{
    return await ReplayCommand.MainAsync(args[1..], Console.Out, Console.Error);
}

if (args.Length < 2 || args[0] != "bench" || !benchmarks.TryGetValue(args[1], out var run))
{
    Console.Error.WriteLine($"usage: bench <{string.Join("|", benchmarks.Keys)}> {BenchmarkSettings.Usage}");
    Console.Error.WriteLine($"   or: {ReplayOptions.Usage}");
    return 2;
}

BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args[2..]);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

Console.WriteLine(MachineDescription.Current());
BenchmarkReport report;
try
{
    report = await run(settings, Console.Out);
}
catch (ArgumentException ex)
{
    // A setting the benchmark cannot honour (more callers than sockets allow, ...): refused with its reason, never capped silently.
    Console.Error.WriteLine(ex.Message);
    return 2;
}

Console.Out.Flush();
Console.WriteLine(report.ToJson());
return 0;
