using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Package;
using CityActors.GrainInterfaces.City;
using CityActors.Grains.Cases;
using CityActors.Grains.City;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Grains.Tests;

/// <summary>The org-level grains on an embedded test silo hosting the Riverton test city.</summary>
public sealed class OrgGrainTests
{
    [Fact]
    public async Task Each_grain_knows_its_identity_and_parents_from_the_city_package()
    {
        await using var silo = await StartAsync();

        var cell = await silo.Grains.GetGrain<IGridCellGrain>("rt.2.02.harbour.0001").GetInfo();
        cell.Level.ShouldBe("grid");
        cell.Parents.ShouldBe(["rt.2.02.harbour", "rt.2.02", "rt.2", "rt"]);

        (await silo.Grains.GetGrain<ICommunityGrain>("rt.1.01.north").GetInfo()).Name.ShouldBe("North Bank");

        var centre = await silo.Grains.GetGrain<IOpsCenterGrain>("rt.2.01").GetInfo();
        (centre.Code, centre.Level, centre.UnitCode).ShouldBe(("rt.2.01.ops", "street", "rt.2.01"));
        centre.Parents.ShouldBe(["rt.2", "rt"]);

        var department = await silo.Grains.GetGrain<IDepartmentGrain>("rt.1.water").GetInfo();
        (department.Name, department.Level, department.UnitCode).ShouldBe(("Water Office", "district", "rt.1"));
    }

    [Fact]
    public async Task A_key_that_names_nothing_in_the_city_fails_clearly()
    {
        await using var silo = await StartAsync();

        var error = await Should.ThrowAsync<KeyNotFoundException>(() => silo.Grains.GetGrain<IGridCellGrain>("rt.1.01.north").GetInfo());

        error.Message.ShouldContain("City rt has no grid cell 'rt.1.01.north'");
        (await Should.ThrowAsync<KeyNotFoundException>(() => silo.Grains.GetGrain<IDepartmentGrain>("rt.9.water").GetInfo()))
            .Message.ShouldContain("no department 'rt.9.water'");
    }

    [Fact]
    public async Task Rosters_and_open_work_are_durable_and_checked()
    {
        await using var silo = await StartAsync();
        var cell = silo.Grains.GetGrain<IGridCellGrain>("rt.1.01.south.0003");

        await cell.AssignStaff(new StaffMember("u-17", "李明", Role.GridInspector));
        await cell.AssignStaff(new StaffMember("u-17", "李明", Role.GridInspector));
        (await cell.AdjustOpenWork(+2)).ShouldBe(2);
        (await cell.AdjustOpenWork(-1)).ShouldBe(1);

        (await Should.ThrowAsync<ArgumentException>(() => cell.AssignStaff(new StaffMember("u-18", "王芳", Role.CentreOperator))))
            .Message.ShouldStartWith("Role CentreOperator is held at operations centres, not at grid cell rt.1.01.south.0003; staff of grid cell rt.1.01.south.0003 hold GridInspector.");
        (await Should.ThrowAsync<InvalidOperationException>(() => cell.AdjustOpenWork(-5)))
            .Message.ShouldBe("Open work at rt.1.01.south.0003 is 1; it cannot drop by 5.");

        // A fresh activation reads the stored roster.
        await silo.CollectIdleActivationsAsync();
        (await cell.GetStaff()).ShouldBe([new StaffMember("u-17", "李明", Role.GridInspector)]);
        (await cell.GetOpenWork()).ShouldBe(1);
    }

    [Fact]
    public async Task Rosters_take_the_case_roles_held_at_their_kind_of_unit_and_name_them_when_refusing()
    {
        await using var silo = await StartAsync();
        var centre = silo.Grains.GetGrain<IOpsCenterGrain>("rt.1.01");
        var department = silo.Grains.GetGrain<IDepartmentGrain>("rt.1.water");

        await centre.AssignStaff(new StaffMember("op-1", "赵强", Role.CentreOperator));
        await centre.AssignStaff(new StaffMember("lead-1", "钱丽", Role.CentreLeader));
        await department.AssignStaff(new StaffMember("clerk-1", "孙伟", Role.DepartmentClerk));
        await department.AssignStaff(new StaffMember("handler-1", "周敏", Role.DepartmentHandler));
        await silo.Grains.GetGrain<ICommunityGrain>("rt.1.01.north").AssignStaff(new StaffMember("cw-1", "吴静", Role.CommunityWorker));

        (await centre.GetStaff()).Select(s => s.Role).ShouldBe([Role.CentreOperator, Role.CentreLeader]);
        (await Should.ThrowAsync<ArgumentException>(() => department.AssignStaff(new StaffMember("x", "郑军", Role.CentreLeader))))
            .Message.ShouldStartWith("Role CentreLeader is held at operations centres, not at department rt.1.water; staff of department rt.1.water hold DepartmentClerk or DepartmentHandler.");
        (await Should.ThrowAsync<ArgumentException>(() => centre.AssignStaff(new StaffMember("x", "王芳", Role.Citizen))))
            .Message.ShouldStartWith("Role Citizen is not held at any org unit; staff of operations centre rt.1.01.ops hold CentreOperator or CentreLeader.");
        (await Should.ThrowAsync<ArgumentException>(() => centre.AssignStaff(new StaffMember("x", "王芳", (Role)42))))
            .Message.ShouldStartWith("Role 42 is not a known role; staff of operations centre rt.1.01.ops hold CentreOperator or CentreLeader.");
        (await department.GetStaff()).Count.ShouldBe(2);
    }

    private static Task<CaseSilo> StartAsync() => CaseSilo.StartAsync(CaseSilo.At(11, 16, 9));
}
