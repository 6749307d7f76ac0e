using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CityActors.Api;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace CityActors.Testing.Api;

/// <summary>
/// The API host as <c>dotnet run</c> starts it (embedded silo, NYC demo city), listening on a free localhost port;
/// tests talk to it over real HTTP (and browsers, in the console tests). One host per test collection: starting a silo
/// is most of a test's time.
/// </summary>
public sealed class ApiHost : IAsyncLifetime, IAsyncDisposable
{
    public const string Collection = "api host";

    private readonly string[] _settings;
    private WebApplication? _app;

    public ApiHost()
        : this([])
    {
    }

    private ApiHost(string[] settings) => _settings = settings;

    /// <summary>A host of its own with extra command-line settings, e.g. "--CityActors:Api:RateLimit:PermitsPerSecond", "2".</summary>
    public static ApiHost With(params string[] settings) => new(settings);

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Where the host listens, e.g. http://127.0.0.1:40123.</summary>
    public Uri BaseAddress => Http.BaseAddress!;

    /// <summary>The host's services: the grain factory of its co-hosted silo, for setting up data faster than over HTTP.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>The co-hosted silo's gateway port (cluster clients connect there).</summary>
    public int GatewayPort { get; private set; }

    public async Task InitializeAsync()
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        GatewayPort = FreePorts.Next();
        _app = ApiApplication.Create(
        [
            "--urls", url,
            "--CityActors:Silo:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--CityActors:Silo:GatewayPort", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default", "Warning",

            // Live vital signs checked every second rather than every five, so feed tests see a change quickly.
            "--CityActors:Api:Feed:VitalsInterval", "00:00:01",

            // The demo city's simulated fleet would open sensor cases the tests do not expect.
            "--CityActors:Sensors:SimulateFleet", "false",
            .. _settings,
        ]);
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>A development token for the identity.</summary>
    public async Task<string> TokenAsync(string id, string role, string? org = null)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/dev/tokens", new { id, role, org });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Sends <paramref name="json"/> (raw text, or null for no body) as the caller of <paramref name="token"/>.</summary>
    public async Task<(int Status, JsonElement Body, string ContentType)> SendAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType ?? "");
    }
}
