using System.Text.Json.Nodes;
using CityActors.Testing;

namespace CityActors.Console.Tests;

/// <summary>
/// A console host of its own (no seeded cases) over the Riverton test city with the shipped Boston model mapped onto its
/// catalogue. Riverton's damaged road surface (0301) has two owners, so the catalogue leaves it to the centre and the
/// model's suggestion dispatches it on acceptance when confident enough (NYC names one owner per matter, so it never does).
/// </summary>
public sealed class RivertonAssistConsoleHost : IAsyncLifetime
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("cityactors-riverton-");

    public ConsoleHost Console { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var source = Path.Combine(RepositoryFiles.Root, "tests", "CityActors.Domain.Tests", "TestCity");
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(_scratch.FullName, Path.GetFileName(file)));
        }

        var assist = new JsonObject
        {
            ["model"] = Path.Combine(RepositoryFiles.Root, "silo", "CityActors.Silo", "assist", "boston-2011"),
            ["matters"] = new JsonObject { ["Request for Pothole Repair"] = "0301", ["Roadway Repair"] = "0301", ["Illegal Dumping"] = "0501" },
            ["departments"] = new JsonObject { ["PWDx"] = "MUNICIPAL", ["BTDT"] = "TRANSIT" },
            ["channels"] = new JsonObject { ["Hotline"] = "Constituent Call" },
        };
        await File.WriteAllTextAsync(Path.Combine(_scratch.FullName, "assist.json"), assist.ToJsonString());
        Console = new ConsoleHost(ApiHost.With("--CityActors:City:Package", _scratch.FullName), seed: false);
        await Console.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Console is not null)
        {
            await Console.DisposeAsync();
        }

        _scratch.Delete(recursive: true);
    }
}

[CollectionDefinition(AssistedDispatchConsoleTests.Collection)]
public sealed class RivertonAssistConsoleCollection : ICollectionFixture<RivertonAssistConsoleHost>;
