using CityActors.Testing;
using System.Diagnostics;
using System.Text;

namespace CityActors.Silo.Tests;

/// <summary>The silo executable started as a real child process on a free loopback port.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, Uri address, int gatewayPort)
    {
        _process = process;
        Address = address;
        GatewayPort = gatewayPort;
    }

    public Uri Address { get; }

    /// <summary>The port cluster clients connect to.</summary>
    public int GatewayPort { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { SiloAssembly(), "--urls", address.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(SiloAssembly())!,
        };
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";

        // Every process gets its own silo and gateway ports, so several can run side by side.
        var gatewayPort = FreePorts.Next();
        info.Environment["CityActors__Silo__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["CityActors__Silo__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["CityActors__Silo__AdvertisedAddress"] = "127.0.0.1";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var silo = new SiloProcess(process, address, gatewayPort);
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await silo._listening.Task.WaitAsync(Limit);
        return silo;
    }

    /// <summary>Runs a silo command (not the silo) to completion; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(SiloAssembly())!,
        };
        info.ArgumentList.Add(SiloAssembly());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(Limit);
        await process.WaitForExitAsync(cancellation.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Sends SIGTERM, as Kubernetes does, and waits for the process to exit.</summary>
    /// <summary>Starts the silo with <paramref name="environment"/> and waits for it to exit on its own (a refused start).</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { SiloAssembly(), "--urls", $"http://127.0.0.1:{FreePorts.Next()}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(SiloAssembly())!,
        };
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(Limit);
        await process.WaitForExitAsync(cancellation.Token);
        return (process.ExitCode, await output + await error);
    }

    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var cancellation = new CancellationTokenSource(Limit);
        await _process.WaitForExitAsync(cancellation.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string SiloAssembly() =>
        File.Exists(RepositoryFiles.SiloAssembly) ? RepositoryFiles.SiloAssembly : throw new FileNotFoundException("Build the silo first.", RepositoryFiles.SiloAssembly);


    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
