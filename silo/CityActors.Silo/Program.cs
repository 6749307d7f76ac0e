using CityActors.Assist.Cases;
using CityActors.Domain.Package;
using CityActors.Grains.Cases;
using CityActors.Silo;
using CityActors.Silo.Hosting;
using Orleans.Dashboard;

if (AssistCommands.TryRun(args, Console.Out, Console.Error) is { } assisted)
{
    return assisted;
}

if (CityCommands.TryRun(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

if (await ClusterCommands.TryRunAsync(args, Console.Out, Console.Error) is { } migrated)
{
    return migrated;
}

// Embedded mode (the default): one silo in this process on localhost clustering, in-memory providers.
// Clustered mode: set CityActors:PostgreSql:ConnectionString; silos sharing that database form one cluster.
var builder = WebApplication.CreateBuilder(args);
var settings = SiloSettings.From(builder.Configuration);

// The city package is loaded and validated before the silo starts: a broken package stops the process with every problem listed.
var package = Path.GetFullPath(builder.Configuration["CityActors:City:Package"] ?? "cities/nyc", AppContext.BaseDirectory);
var city = CityPackageLoader.Load(package);
builder.Services.AddSingleton(city);

// A package that ships assist.json names the model its cases are classified and dispatched with (see docs/assist.md).
builder.Services.AddSingleton(new CaseAssistance(CaseAssistant.Load(package, city)));
builder.UseOrleans(silo =>
{
    silo.UseCityActorsMode(settings).AddCityActors();

    // In a Kubernetes pod (see deploy/kubernetes/silo.yaml) Orleans' hosting takes the pod's address and cluster
    // identity from the pod and watches the silo pods, so a deleted pod leaves the cluster at once.
    if (settings.Clustered && KubernetesPod.IsCurrent)
    {
        silo.UseKubernetesHosting();
    }
    if (settings.Dashboard)
    {
        silo.AddDashboard();
    }
});
builder.Services.AddCityActorsTelemetry(builder.Configuration);
builder.Services.AddCityActorsSiloHealthChecks();

// SIGTERM stops the host; give the silo its shutdown budget to deactivate its grains and hand its work over.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);

var app = builder.Build();
app.MapCityActorsHealth();
if (settings.Dashboard)
{
    app.MapOrleansDashboard(routePrefix: "/dashboard");
}

app.MapGet("/", (CityActors.Domain.City.CityModel city, ILocalSiloDetails silo) => Results.Ok(new
{
    silo = silo.Name,
    mode = settings.Clustered ? "clustered" : "embedded",
    city = new { city.Id, city.Name, city.Version },
    dashboard = settings.Dashboard ? "/dashboard" : null,
}));

await app.RunAsync();
return 0;
