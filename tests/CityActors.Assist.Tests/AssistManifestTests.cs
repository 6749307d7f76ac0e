using System.Text.Json.Nodes;
using CityActors.Assist.Cases;
using CityActors.Assist.Models;
using CityActors.Domain.Cases;

namespace CityActors.Assist.Tests;

/// <summary>The manifest's department-level gate: written and read back, and an older manifest without it still loads
/// and keeps dispatching at its queue-level threshold.</summary>
public sealed class AssistManifestTests
{
    private static CasePlace SouthBank => new CaseDecider(RivertonAssist.City.Value, CaseRules.Default).Locate(ReportedLocation.At(121.405, 31.205));

    private static CaseReport Pothole => new(Channel.Hotline, "p-1", "0301", "Pothole in the road outside number 12, deep", ReportedLocation.At(121.405, 31.205));

    [Fact]
    public void The_shipped_manifest_carries_both_gates_and_automatic_dispatch_uses_the_department_one()
    {
        var manifest = RivertonAssist.Model.Value.Manifest;

        manifest.DepartmentGateThreshold.ShouldNotBeNull();
        manifest.DepartmentGate.ShouldBe(manifest.DepartmentGateThreshold.Value);
        manifest.DepartmentGate.ShouldNotBe(manifest.GateThreshold);
        manifest.CatalogueDepartmentShare!.Keys.ShouldBe(manifest.CatalogueShare.Keys);

        var dispatch = RivertonAssist.Assistant().Suggest(Pothole, SouthBank, DateTimeOffset.UnixEpoch).Dispatch;

        dispatch.Threshold.ShouldBe(manifest.DepartmentGateThreshold.Value);
        dispatch.Automatic.ShouldBe(dispatch.Confidence >= manifest.DepartmentGateThreshold.Value);
    }

    [Fact]
    public void A_manifest_without_the_department_gate_loads_and_gates_departments_at_its_queue_threshold()
    {
        var directory = CopyOfShippedModel(manifest =>
        {
            manifest.Remove("departmentGateThreshold").ShouldBeTrue();
            manifest.Remove("catalogueDepartmentShare").ShouldBeTrue();
        });
        try
        {
            var model = AssistModel.Load(directory.FullName);

            model.Manifest.DepartmentGateThreshold.ShouldBeNull();
            model.Manifest.CatalogueDepartmentShare.ShouldBeNull();
            model.Manifest.DepartmentGate.ShouldBe(model.Manifest.GateThreshold);
            var dispatch = new CaseAssistant(model, RivertonAssist.Package, RivertonAssist.City.Value).Suggest(Pothole, SouthBank, DateTimeOffset.UnixEpoch).Dispatch;
            dispatch.Threshold.ShouldBe(model.Manifest.GateThreshold);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Saving_writes_the_department_threshold_but_not_the_value_derived_from_it()
    {
        var directory = Directory.CreateTempSubdirectory("assist-save-");
        try
        {
            var shipped = RivertonAssist.Model.Value;
            shipped.Save(directory.FullName);

            var written = JsonNode.Parse(File.ReadAllText(Path.Combine(directory.FullName, AssistModel.ManifestFile)))!.AsObject();
            written["departmentGateThreshold"]!.GetValue<double>().ShouldBe(shipped.Manifest.DepartmentGateThreshold!.Value);
            written.ContainsKey("departmentGate").ShouldBeFalse();
            AssistModel.Load(directory.FullName).Manifest.DepartmentGateThreshold.ShouldBe(shipped.Manifest.DepartmentGateThreshold);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static DirectoryInfo CopyOfShippedModel(Action<JsonObject> edit)
    {
        var directory = Directory.CreateTempSubdirectory("assist-old-");
        foreach (var file in Directory.GetFiles(AssistFiles.ShippedModel))
        {
            File.Copy(file, Path.Combine(directory.FullName, Path.GetFileName(file)));
        }

        var path = Path.Combine(directory.FullName, AssistModel.ManifestFile);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
        return directory;
    }
}
