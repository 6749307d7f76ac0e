using CityActors.Domain.Cases;

namespace CityActors.Domain.Tests.Cases;

/// <summary>Rosters and case rules speak one vocabulary: whoever a unit rosters is an actor the case rules recognise there.</summary>
public sealed class StaffRolesTests
{
    private static readonly CasePlace Place = new("rt.1.01.south.0003", "rt.1.01.south", "rt.1.01", "rt.1", 121.405, 31.205, null);

    [Theory]
    [InlineData(StaffPost.GridCell, "rt.1.01.south.0003")]
    [InlineData(StaffPost.Community, "rt.1.01.south")]
    [InlineData(StaffPost.OperationsCentre, "rt.1.01")]
    [InlineData(StaffPost.Department, "rt.1.water")]
    public void Every_role_a_unit_rosters_is_recognised_by_the_case_rules_with_the_unit_as_its_org(StaffPost post, string unit)
    {
        var roles = StaffRoles.At(post);

        roles.ShouldNotBeEmpty();
        roles.ShouldAllBe(role => Recognised(new Actor("staff-1", role, unit), post, unit));
        roles.ShouldAllBe(role => StaffRoles.Refusal(post, unit, role) == null);
    }

    [Fact]
    public void Roles_without_a_post_are_staff_nowhere_and_every_staff_role_has_exactly_one_post()
    {
        Enum.GetValues<Role>().Where(r => StaffRoles.PostOf(r) is null).ShouldBe([Role.Citizen, Role.ChannelSystem, Role.System]);
        Enum.GetValues<StaffPost>().SelectMany(StaffRoles.At).ShouldBe(Enum.GetValues<Role>().Where(r => StaffRoles.PostOf(r) is not null), ignoreOrder: true);
        foreach (var role in new[] { Role.Citizen, Role.ChannelSystem, Role.System })
        {
            var actor = new Actor("x", role, "rt.1.01");
            (CaseAccess.IsCentreStaff(actor) || CaseAccess.IsFieldStaffAt(actor, Place) || CaseAccess.IsDepartmentStaff(actor, "rt.1.01", handlerAllowed: true)).ShouldBeFalse(role.ToString());
        }
    }

    [Fact]
    public void A_refusal_names_the_role_where_it_is_held_and_what_the_unit_takes()
    {
        StaffRoles.Refusal(StaffPost.Community, "rt.1.01.south", Role.DepartmentHandler)
            .ShouldBe("Role DepartmentHandler is held at departments, not at community rt.1.01.south; staff of community rt.1.01.south hold CommunityWorker.");
        StaffRoles.Refusal(StaffPost.GridCell, "rt.1.01.south.0003", Role.System)
            .ShouldBe("Role System is not held at any org unit; staff of grid cell rt.1.01.south.0003 hold GridInspector.");
        StaffRoles.Refusal(StaffPost.Department, "rt.1.water", (Role)99)
            .ShouldBe("Role 99 is not a known role; staff of department rt.1.water hold DepartmentClerk or DepartmentHandler.");
    }

    private static bool Recognised(Actor actor, StaffPost post, string unit) => post switch
    {
        StaffPost.GridCell or StaffPost.Community => CaseAccess.IsFieldStaffAt(actor, Place),
        StaffPost.OperationsCentre => CaseAccess.IsCentreOver(actor, Place),
        StaffPost.Department => CaseAccess.IsDepartmentStaff(actor, unit, handlerAllowed: true),
        _ => false,
    };
}
