using CityActors.Testing;
using CityActors.Domain.Calendar;
using CityActors.Domain.Matters;
using CityActors.Domain.Package;

namespace CityActors.Domain.Tests.Package;

/// <summary>The Chinese urban-management sample catalogue shipped with the silo loads into a city that has its agencies.</summary>
public sealed class ShippedCatalogueTests
{
    [Fact]
    public void The_chinese_sample_catalogue_validates_against_a_city_with_its_agencies()
    {
        var catalogue = Path.Combine(RepositoryFiles.Root, "silo", "CityActors.Silo", "catalogues", "cn-urban-sample.json");
        var directory = TestCityPackage.CopyWith((file, node) =>
        {
            // Riverton's sensors and emergency profiles name its own matters, which the sample catalogue does not have.
            if (file == "city.json")
            {
                node.AsObject().Remove("sensors");
                node.AsObject().Remove("emergencyProfiles");
            }
        });
        File.Copy(catalogue, Path.Combine(directory, "matters.json"), overwrite: true);

        var matters = CityPackageLoader.Load(directory).Catalogue;

        matters.Id.ShouldBe("cn-urban-sample");
        matters.Source.ShouldContain("GB/T 30428.2");
        matters.Matters.Count.ShouldBe(34);
        matters.Matters.Where(m => m.Kind == MatterKind.Component).Select(m => m.MajorClass).Distinct()
            .ShouldBe(["公用设施", "道路交通", "市容环境", "园林绿化", "房屋土地"], ignoreOrder: true);
        matters.Matters.Where(m => m.Kind == MatterKind.Event).Select(m => m.MajorClass).Distinct()
            .ShouldBe(["市容环境", "宣传广告", "施工管理", "街面秩序", "突发事件"], ignoreOrder: true);
        matters.Matters.ShouldAllBe(m => m.DispatchRule == (m.Kind == MatterKind.Component ? DispatchRule.OwnerFirst : DispatchRule.TerritoryFirst));
        matters.Matters.Where(m => m.MajorClass != "突发事件").ShouldAllBe(m =>
            m.Limit(CaseStage.AcceptAndDispatch, Urgency.Urgent) == TimeLimit.NaturalMinutes(10)
            && m.Limit(CaseStage.AcceptAndDispatch, Urgency.Normal) == TimeLimit.WorkingMinutes(30)
            && m.Limit(CaseStage.Inspect, Urgency.Normal) == TimeLimit.WorkingHours(1));
        matters.Find("0101")!.Limit(CaseStage.Handle, Urgency.Urgent).ShouldBe(TimeLimit.NaturalHours(2));
    }
}
