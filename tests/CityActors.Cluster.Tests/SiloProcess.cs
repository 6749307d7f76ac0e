using CityActors.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CityActors.Cluster.Tests;

/// <summary>
/// One silo executable running clustered as a real child process. Failures are real signals sent with <c>kill</c>:
/// SIGKILL (crash, no hand-off), SIGSTOP/SIGCONT (a frozen process whose sockets stay open), SIGTERM (graceful stop).
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private const int OutputTailLines = 400;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IReadOnlyDictionary<string, string> _environment;

    private SiloProcess(string name, Process process, int siloPort, int gatewayPort, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        _environment = environment;
    }

    public string Name { get; }

    /// <summary>Silo-to-silo port: how Orleans' SiloAddress of this process is recognised.</summary>
    public int SiloPort { get; }

    /// <summary>The port cluster clients connect to.</summary>
    public int GatewayPort { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string OutputTail
    {
        get
        {
            lock (_output)
            {
                return $"--- {Name} (pid {Pid}) ---{Environment.NewLine}{string.Join(Environment.NewLine, _output)}";
            }
        }
    }

    /// <summary>Starts a clustered silo on the given ports and returns once it serves (web host listening after the silo joined).</summary>
    public static async Task<SiloProcess> StartAsync(string name, int siloPort, int gatewayPort, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { SiloAssembly(), "--urls", $"http://127.0.0.1:{FreePorts.Next()}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(SiloAssembly())!,
        };
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["CityActors__Silo__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["CityActors__Silo__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["CityActors__Silo__AdvertisedAddress"] = "127.0.0.1";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var silo = new SiloProcess(name, process, siloPort, gatewayPort, environment);
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo._listening.Task.WaitAsync(StartLimit);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            await silo.DisposeAsync();
            throw new InvalidOperationException($"Silo {name} did not start: {ex.Message}{Environment.NewLine}{silo.OutputTail}", ex);
        }

        return silo;
    }

    /// <summary>A new process of this silo: same name, ports and settings, a new Orleans generation.</summary>
    public Task<SiloProcess> RestartAsync() => StartAsync(Name, SiloPort, GatewayPort, _environment);

    /// <summary>SIGKILL: the process dies at once, its sockets are closed by the kernel, nothing is handed off.</summary>
    public async Task KillAsync()
    {
        await SignalAsync("KILL");
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGSTOP: every thread stops; sockets stay open, so peers see silence rather than refused connections.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT: the frozen process runs on from where it stopped, still believing what it believed.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>SIGTERM, as Kubernetes sends it, then waits for the process to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan limit)
    {
        await SignalAsync("TERM");
        using var cancellation = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A frozen process cannot die until it is continued.
            await SignalAsync("CONT");
            await SignalAsync("KILL");
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", [$"-{signal}", Pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private static string SiloAssembly() =>
        File.Exists(RepositoryFiles.SiloAssembly) ? RepositoryFiles.SiloAssembly : throw new FileNotFoundException("Build the silo first.", RepositoryFiles.SiloAssembly);

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _listening.TrySetException(new InvalidOperationException("The process exited before it listened."));
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > OutputTailLines)
            {
                _output.Dequeue();
            }
        }

        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
