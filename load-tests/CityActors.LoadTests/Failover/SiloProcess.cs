using CityActors.Testing;
using System.Diagnostics;
using System.Globalization;
using CityActors.LoadTests.Hosting;

namespace CityActors.LoadTests.Failover;

/// <summary>
/// One clustered silo executable as a child process on fixed ports (a restart reuses them, so clients with a static
/// gateway list find it again). Killed with a real SIGKILL. Its log is kept, not printed: stdout belongs to the report.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly Queue<string> _log = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _dll;
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private SiloProcess(string dll, string connectionString, int siloPort, int gatewayPort, IReadOnlyDictionary<string, string>? environment)
    {
        (_dll, _connectionString, SiloPort, GatewayPort) = (dll, connectionString, siloPort, gatewayPort);
        _environment = environment ?? new Dictionary<string, string>();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{FreePorts.Next()}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["CityActors__PostgreSql__ConnectionString"] = connectionString;
        info.Environment["CityActors__Silo__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["CityActors__Silo__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["CityActors__Silo__AdvertisedAddress"] = "127.0.0.1";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        info.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        foreach (var (name, value) in _environment)
        {
            info.Environment[name] = value;
        }

        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>Starts the silo executable <paramref name="dll"/> on the database and ports, with <paramref name="environment"/> (configuration keys with "__" for ":") added to its own.</summary>
    public static async Task<SiloProcess> StartAsync(string dll, string connectionString, int siloPort, int gatewayPort, IReadOnlyDictionary<string, string>? environment = null)
    {
        var silo = new SiloProcess(dll, connectionString, siloPort, gatewayPort, environment);
        silo._process.Start();
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        try
        {
            await silo._listening.Task.WaitAsync(StartLimit).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            var log = silo.LogTail();
            await silo.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"A silo did not start: {ex.Message}{Environment.NewLine}{log}", ex);
        }

        return silo;
    }

    public Task<SiloProcess> RestartAsync() => StartAsync(_dll, _connectionString, SiloPort, GatewayPort, _environment);

    /// <summary>SIGKILL through kill(1): no shutdown, no hand-off; the kernel closes the sockets.</summary>
    public async Task KillAsync()
    {
        using (var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    public string LogTail()
    {
        lock (_log)
        {
            return string.Join(Environment.NewLine, _log);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _listening.TrySetException(new InvalidOperationException("The process exited before it listened."));
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            if (_log.Count > 200)
            {
                _log.Dequeue();
            }
        }

        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
