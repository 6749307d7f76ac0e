using System.Diagnostics;

namespace CityActors.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests: started from the machine's own binaries (initdb/pg_ctl on PATH or under
/// /usr/lib/postgresql/*/bin) in a temporary directory on a free loopback port, or the server named by the
/// CITYACTORS_TEST_PG connection string. Tests get their own database each through <see cref="CreateDatabaseAsync"/>.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root; when the process is root the server runs as the "postgres" user via runuser
/// on a directory that user owns.
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "CITYACTORS_TEST_PG";

    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static PostgresServer? _shared;

    private readonly string? _dataDirectory;
    private readonly string? _binDirectory;
    private int _databaseCounter;

    private PostgresServer(string adminConnectionString, string? dataDirectory, string? binDirectory)
    {
        AdminConnectionString = adminConnectionString;
        _dataDirectory = dataDirectory;
        _binDirectory = binDirectory;
    }

    /// <summary>Connection string of the maintenance database ("postgres"), as a superuser.</summary>
    public string AdminConnectionString { get; }

    /// <summary>One server per test process, started on first use and stopped when the process exits.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await SharedLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync().ConfigureAwait(false);
                var server = _shared;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopServer();
            }

            return _shared;
        }
        finally
        {
            SharedLock.Release();
        }
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, null, null);
        }

        var bin = FindBinDirectory();
        var asRoot = Environment.UserName == "root";
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"cityactors-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", dataDirectory], asPostgres: false).ConfigureAwait(false);
        }

        var port = FreePorts.Next();
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], asRoot).ConfigureAwait(false);
        var options = $"-p {port} -k {dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=256MB";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", dataDirectory, "-o", options, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "start"], asRoot).ConfigureAwait(false);
        var connection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        return new PostgresServer(connection, dataDirectory, bin);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid():N}".ToLowerInvariant();
        name = name[..Math.Min(name.Length, 48)];
        await using (var connection = new Npgsql.NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new Npgsql.NpgsqlCommand($"create database \"{name}\"", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 100 };
        return builder.ConnectionString;
    }

    public ValueTask DisposeAsync()
    {
        StopServer();
        return ValueTask.CompletedTask;
    }

    private void StopServer()
    {
        if (_dataDirectory is null || _binDirectory is null || !Directory.Exists(_dataDirectory))
        {
            return;
        }

        try
        {
            RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], Environment.UserName == "root")
                .GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already gone; the directory is removed below either way.
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static string FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        const string root = "/usr/lib/postgresql";
        var installed = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            $"No PostgreSQL server binaries found (initdb and pg_ctl on PATH or under {root}/*/bin). Install PostgreSQL or set {EnvironmentVariable} to a connection string.");
    }


    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }
}
