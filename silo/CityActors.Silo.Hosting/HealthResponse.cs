using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

using Microsoft.AspNetCore.Http;

namespace CityActors.Silo.Hosting;

/// <summary>Writes health reports as JSON so an operator sees which check failed and why.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                error = e.Value.Exception?.Message,
                data = e.Value.Data,
            }),
        });
    }
}
