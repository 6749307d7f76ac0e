using CityActors.LoadTests.Benchmarks;

// Usage: bench <name> [--seconds N] [--warmup N] [--callers N] [--grains N]
// Human-readable progress goes first; the last line is one JSON object for scripts.
var benchmarks = new Dictionary<string, Func<BenchmarkSettings, TextWriter, Task<BenchmarkReport>>>(StringComparer.Ordinal)
{
    ["local-calls"] = LocalCallsBenchmark.RunAsync,
    ["geo-lookup"] = GeoLookupBenchmark.RunAsync,
    ["cross-silo-calls"] = CrossSiloCallsBenchmark.RunAsync,
    ["durable-writes"] = DurableWritesBenchmark.RunAsync,
    ["failover"] = FailoverBenchmark.RunAsync,
    ["reminders"] = RemindersBenchmark.RunAsync,
    ["case-lifecycle"] = CaseLifecycleBenchmark.RunAsync,
};

if (args.Length < 2 || args[0] != "bench" || !benchmarks.TryGetValue(args[1], out var run))
{
    Console.Error.WriteLine($"usage: bench <{string.Join("|", benchmarks.Keys)}> [--seconds N] [--warmup N] [--callers N] [--grains N]");
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

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
var report = await run(settings, Console.Out);
Console.WriteLine(report.ToJson());
return 0;
