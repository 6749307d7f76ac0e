using Microsoft.Extensions.FileProviders;

namespace CityActors.Api.Hosting;

/// <summary>
/// The operations console (client/CityActors.Console) served at <c>/</c> from the same host and origin as the API, so
/// it calls the API with the same tokens and no CORS. The build puts the bundled console next to the host's assembly
/// (<c>console/</c>); <c>CityActors:Api:Console:Root</c> points elsewhere. Without a built console <c>/</c> sends
/// callers to the API's description at <c>/api/v1</c>.
/// </summary>
public static class ConsoleFiles
{
    public static void UseConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var root = Path.GetFullPath(app.Configuration["CityActors:Api:Console:Root"] ?? "console", AppContext.BaseDirectory);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.MapGet("/", () => Results.Redirect("/api/v1")).ExcludeFromDescription();
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,

            // File names are not content-hashed: browsers revalidate (a 304 when unchanged) so a new build shows at once.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
