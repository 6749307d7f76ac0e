using CityActors.Assist.Cases;
using CityActors.Assist.Models;
using CityActors.Domain.City;
using CityActors.Domain.Package;
using CityActors.Testing;

namespace CityActors.Assist.Tests;

/// <summary>The Riverton test city with the shipped Boston model mapped onto its catalogue: potholes and roadway repair
/// are damaged road surface (0301, which two agencies own, so the centre dispatches it), dumping is exposed rubbish.</summary>
internal static class RivertonAssist
{
    public static readonly Lazy<CityModel> City = new(() => CityPackageLoader.Load(Path.Combine(RepositoryFiles.Root, "tests", "CityActors.Domain.Tests", "TestCity")));

    public static readonly Lazy<AssistModel> Model = new(() => AssistModel.Load(AssistFiles.ShippedModel));

    public static readonly AssistPackage Package = new(
        "../boston-2011",
        new Dictionary<string, string>
        {
            ["Request for Pothole Repair"] = "0301",
            ["Pothole Repair (Internal)"] = "0301",
            ["Roadway Repair"] = "0301",
            ["Illegal Dumping"] = "0501",
            ["Trash on Vacant Lot"] = "0501",
            ["Graffiti Removal"] = "0601",
        },
        new Dictionary<string, string> { ["PWDx"] = "MUNICIPAL", ["BTDT"] = "TRANSIT", ["ISD"] = "CGJ", ["PROP"] = "CGJ" },
        new Dictionary<string, string> { ["Hotline"] = "Constituent Call", ["WebApp"] = "Citizens Connect App", ["Open311"] = "Self Service", ["GridInspector"] = "Employee Generated" });

    public static CaseAssistant Assistant() => new(Model.Value, Package, City.Value);
}
