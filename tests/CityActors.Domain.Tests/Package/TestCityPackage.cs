using System.Text.Json.Nodes;

namespace CityActors.Domain.Tests.Package;

/// <summary>The hand-made Riverton package, and writable copies of it for validation tests.</summary>
internal static class TestCityPackage
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestCity");

    /// <summary>A temporary copy whose JSON files are edited by <paramref name="edit"/> (file name → document).</summary>
    public static string CopyWith(Action<string, JsonNode> edit)
    {
        var target = Path.Combine(Path.GetTempPath(), "cityactors-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.GetFiles(Directory))
        {
            var name = Path.GetFileName(file);
            var node = JsonNode.Parse(File.ReadAllText(file))!;
            edit(name, node);
            File.WriteAllText(Path.Combine(target, name), node.ToJsonString());
        }

        return target;
    }
}
