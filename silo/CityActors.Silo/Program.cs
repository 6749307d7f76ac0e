using CityActors;
using CityActors.Domain.Package;
using CityActors.Grains.Cases;
using CityActors.Grains.Diagnostics;
using CityActors.Grains.PostgreSql;
using CityActors.PostgreSql;
using CityActors.Runtime.Hosting;
using CityActors.Silo;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

if (CityCommands.TryRun(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

if (await ClusterCommands.TryRunAsync(args, Console.Out, Console.Error) is { } migrated)
{
    return migrated;
}

// Embedded mode (the default): every grain in this process, in-memory storage, journal and reminders.
// Clustered mode: set CityActors:PostgreSql:ConnectionString; silos sharing that database form one cluster.
var builder = WebApplication.CreateBuilder(args);
var clustered = !string.IsNullOrWhiteSpace(builder.Configuration[$"{PostgresOptions.SectionName}:ConnectionString"]);

// The city package is loaded and validated before the silo starts: a broken package stops the process with every problem listed.
var package = Path.GetFullPath(builder.Configuration["CityActors:City:Package"] ?? "cities/nyc", AppContext.BaseDirectory);
builder.Services.AddSingleton(CityPackageLoader.Load(package));
builder.AddCityActorsSilo(silo =>
{
    silo.AddGrains(typeof(SiloProbeGrain).Assembly).AddCases();
    if (clustered)
    {
        silo.UsePostgreSqlClustering().UsePostgreSqlCaseViews();
    }
});
builder.Services.AddOpenTelemetryExport(builder.Configuration);
builder.Services.AddHealthChecks().AddCheck<ProbeGrainHealthCheck>("probe-grain", tags: ["ready"]);

// SIGTERM stops the host; give the silo its own shutdown budget to deactivate every grain.
var shutdown = builder.Configuration.GetValue($"{SiloOptions.SectionName}:ShutdownTimeout", TimeSpan.FromSeconds(60));
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown + TimeSpan.FromSeconds(5));

var app = builder.Build();

// Liveness: the process answers. Readiness: the silo is started and a grain call succeeds.
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions
{
    Predicate = check => check.Tags.Contains("ready"),
    ResponseWriter = HealthResponse.WriteAsync,
});
app.MapGet("/", (ISiloStatus status, CityActors.Domain.City.CityModel city) => Results.Ok(new
{
    silo = status.SiloName,
    mode = clustered ? "clustered" : "embedded",
    city = new { city.Id, city.Name, city.Version },
    ready = status.IsReady,
    activations = status.ActivationCount,
    pendingReminders = status.PendingReminderCount,
}));

await app.RunAsync();
return 0;
