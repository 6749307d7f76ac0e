using System.Text.Json;
using System.Text.Json.Serialization;
using CityActors.Api.Cases;
using CityActors.Api.Directory;
using CityActors.Api.Emergencies;
using CityActors.Api.Feed;
using CityActors.Api.Open311;
using CityActors.Api.Hosting;
using CityActors.Api.Map;
using CityActors.Api.Security;
using CityActors.Api.Sensors;
using CityActors.Api.Vitals;
using CityActors.Client;
using CityActors.Assist.Cases;
using CityActors.Domain.Package;
using CityActors.Grains.Cases;
using CityActors.Silo.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Orleans.Dashboard;
using Scalar.AspNetCore;

namespace CityActors.Api;

/// <summary>The API host: built here so tests start exactly what <c>dotnet run</c> starts.</summary>
public static class ApiApplication
{
    /// <param name="args">Command-line arguments, as <c>dotnet run</c> passes them.</param>
    /// <param name="configure">Added to the builder last (tests use it to collect the host's logs).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var mode = ApiModes.From(builder.Configuration);
        var settings = SiloSettings.From(builder.Configuration);
        var developmentTokens = mode == ApiMode.CoHostedSilo && !settings.Clustered;
        var tokens = ApiTokens.From(builder.Configuration, allowGeneratedKey: developmentTokens);
        builder.Services.AddSingleton(tokens);
        builder.Services.AddSingleton(TimeProvider.System);

        if (mode == ApiMode.ClusterClient)
        {
            builder.UseOrleansClient(client => client.UseCityActorsCluster(builder.Configuration));
            builder.Services.AddHealthChecks().AddCheck<ClusterReachableHealthCheck>("cluster", tags: ["ready"]);
        }
        else
        {
            // The silo's city package is loaded and validated before it starts: a broken package stops the process with every problem listed.
            var package = Path.GetFullPath(builder.Configuration["CityActors:City:Package"] ?? "cities/nyc", AppContext.BaseDirectory);
            var city = CityPackageLoader.Load(package);
            builder.Services.AddSingleton(city);
            builder.Services.AddSingleton(new CaseAssistance(CaseAssistant.Load(package, city)));
            builder.UseOrleans(silo =>
            {
                silo.UseCityActorsMode(settings).AddCityActors();
                if (settings.Dashboard)
                {
                    silo.AddDashboard();
                }
            });
            builder.Services.AddCityActorsSiloHealthChecks();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        }

        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.AllowOutOfOrderMetadataProperties = true;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddProblemDetails();
        builder.AddApiLimits();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = tokens.ValidationParameters();
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCityActorsTelemetry(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseConsole();
        app.UseCors(ApiLimits.CorsPolicy);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapScalarApiReference("/reference");
        app.MapCityActorsHealth();
        if (mode == ApiMode.CoHostedSilo && settings.Dashboard)
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard");
        }

        app.MapCaseEndpoints();
        app.MapCaseActionEndpoints();
        app.MapCaseListEndpoints();
        app.MapAssistEndpoints();
        app.MapSimilarCaseEndpoints();
        app.MapQueuePageEndpoints();
        app.MapCityMapEndpoints();
        app.MapDirectoryEndpoints();
        app.MapSensorEndpoints();
        app.MapVitalsEndpoints();
        app.MapEmergencyEndpoints();
        app.MapFeedEndpoints(FeedSettings.From(builder.Configuration));
        app.MapOpen311(Open311Settings.From(builder.Configuration, embedded: developmentTokens));
        if (developmentTokens)
        {
            app.MapDevelopmentTokens();
        }

        app.MapGet("/api/v1", () => Results.Ok(new
        {
            mode = mode == ApiMode.ClusterClient ? "cluster client" : settings.Clustered ? "co-hosted clustered silo" : "embedded",
            openApi = "/openapi/v1.json",
            reference = "/reference",
            dashboard = mode == ApiMode.CoHostedSilo && settings.Dashboard ? "/dashboard" : null,
            developmentTokens = developmentTokens ? "/api/v1/dev/tokens" : null,
            open311 = "/open311/discovery.json",
            console = "/",
        })).ExcludeFromDescription();
        return app;
    }
}
