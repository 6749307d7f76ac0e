using System.Runtime;
using System.Runtime.InteropServices;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>The first progress line of every run: what the figures were measured on.</summary>
public static class MachineDescription
{
    public static string Current() => FormattableString.Invariant(
        $"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC {GCSettings.IsServerGC}, {(IsOptimized() ? "Release" : "Debug")} build, load average {LoadAverage()}");

    /// <summary>The 1, 5 and 15 minute load averages: other work on a shared machine skews every figure, so each run records it.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static bool IsOptimized() =>
        typeof(MachineDescription).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false) is not [System.Diagnostics.DebuggableAttribute { IsJITOptimizerDisabled: true }];
}
