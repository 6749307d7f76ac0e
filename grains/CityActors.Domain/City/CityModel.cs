using CityActors.Domain.Calendar;
using CityActors.Domain.Emergencies;
using CityActors.Domain.Geography;
using CityActors.Domain.Matters;
using CityActors.Domain.Sensors;

namespace CityActors.Domain.City;

/// <summary>
/// A loaded, validated city: its hierarchy, operations centres, departments, matter catalogue and working calendar,
/// with point lookup down to the grid cell. Immutable and thread-safe; one instance serves a whole silo.
/// </summary>
public sealed class CityModel
{
    private readonly Dictionary<string, OrgUnit> _units;
    private readonly ILookup<string, OrgUnit> _children;
    private readonly Dictionary<string, OperationsCentre> _centresByUnit;
    private readonly Dictionary<string, Department> _departments;
    private readonly Dictionary<(string Agency, string Unit), Department> _departmentsByAgency;
    private readonly SpatialIndex<OrgUnit> _grid;

    internal CityModel(
        string id,
        string name,
        string version,
        WorkingCalendar calendar,
        MatterCatalogue catalogue,
        LocalProjection projection,
        IEnumerable<OrgUnit> units,
        IEnumerable<OperationsCentre> centres,
        IEnumerable<Department> departments)
    {
        Id = id;
        Name = name;
        Version = version;
        Calendar = calendar;
        Catalogue = catalogue;
        Projection = projection;
        _units = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _children = _units.Values.Where(u => u.ParentCode is not null).ToLookup(u => u.ParentCode!, StringComparer.Ordinal);
        _centresByUnit = centres.ToDictionary(c => c.OrgUnitCode, StringComparer.Ordinal);
        _departments = departments.ToDictionary(d => d.Code, StringComparer.Ordinal);
        _departmentsByAgency = _departments.Values.ToDictionary(d => (d.Agency, d.OrgUnitCode));
        _grid = new SpatialIndex<OrgUnit>(_units.Values.Where(u => u.Level == OrgLevel.Grid).Select(u => (u.Boundary!, u)));
        Root = _units.Values.Single(u => u.Level == OrgLevel.City);
    }

    public string Id { get; }

    public string Name { get; }

    public string Version { get; }

    public WorkingCalendar Calendar { get; }

    public MatterCatalogue Catalogue { get; }

    public LocalProjection Projection { get; }

    public OrgUnit Root { get; }

    /// <summary>Sensor defaults per kind and the package's fleet; empty for a package without sensors.</summary>
    public SensorCatalogue Sensors { get; init; } = SensorCatalogue.Empty;

    /// <summary>The package's emergency profiles by code; empty for a package without them.</summary>
    public IReadOnlyDictionary<string, EmergencyProfile> EmergencyProfiles { get; init; } = new Dictionary<string, EmergencyProfile>();

    public IEnumerable<OrgUnit> Units => _units.Values;

    public IEnumerable<OperationsCentre> Centres => _centresByUnit.Values;

    public IEnumerable<Department> Departments => _departments.Values;

    public int CountAt(OrgLevel level) => _units.Values.Count(u => u.Level == level);

    public OrgUnit? FindUnit(string code) => _units.GetValueOrDefault(code);

    public OrgUnit Unit(string code) => FindUnit(code) ?? throw new KeyNotFoundException($"City {Id} has no org unit '{code}'.");

    public IEnumerable<OrgUnit> Children(string code) => _children[code];

    /// <summary>The unit and its ancestors, nearest first.</summary>
    public IEnumerable<OrgUnit> Lineage(string code)
    {
        for (var unit = FindUnit(code); unit is not null; unit = unit.ParentCode is null ? null : FindUnit(unit.ParentCode))
        {
            yield return unit;
        }
    }

    public OperationsCentre? CentreOf(string unitCode) => _centresByUnit.GetValueOrDefault(unitCode);

    public Department? FindDepartment(string code) => _departments.GetValueOrDefault(code);

    /// <summary>The department of <paramref name="agency"/> at the given city, district or street unit.</summary>
    public Department? DepartmentOf(string agency, string unitCode) => _departmentsByAgency.GetValueOrDefault((agency, unitCode));

    /// <summary>The grid cell, community, street and district at a WGS84 point; <see cref="Location.Outside"/> outside the city.</summary>
    public Location Locate(double longitude, double latitude)
    {
        var grid = _grid.Find(longitude, latitude);
        if (grid is null)
        {
            return Location.Outside;
        }

        return new Location(
            grid,
            Unit(grid.AncestorCode(OrgLevel.Community)),
            Unit(grid.AncestorCode(OrgLevel.Street)),
            Unit(grid.AncestorCode(OrgLevel.District)));
    }
}
