using CityActors.Domain.City;
using CityActors.Domain.Sensors;

namespace CityActors.LoadTests.Setup;

/// <summary>
/// The sensors a load test registers: ids <c>bench-000000</c>…, spread over the city's grid cells (one per cell
/// centre in turn) and over its sensor kinds, each registered with the kind's defaults as the package's fleet is.
/// The definitions are resolved by the city's own registrar, so the reading generator sees what the grains will.
/// </summary>
/// <remarks>
/// Kinds with a rate-of-change rule are left out. A load test sends each sensor several readings a second, far more
/// often than any real sensor reports; a rate rule judges the change per minute between consecutive readings, so
/// ordinary noise a few milliseconds apart would read as surges and open a case per sensor.
/// </remarks>
public sealed class SensorFleet
{
    private SensorFleet(IReadOnlyList<SensorRegistration> registrations, IReadOnlyList<SensorDefinition> definitions) =>
        (Registrations, Definitions) = (registrations, definitions);

    public IReadOnlyList<SensorRegistration> Registrations { get; }

    /// <summary>In the order of <see cref="Registrations"/>.</summary>
    public IReadOnlyList<SensorDefinition> Definitions { get; }

    public int Count => Registrations.Count;

    public IReadOnlyList<SensorKind> Kinds => [.. Definitions.Select(d => d.Kind).Distinct()];

    public static SensorFleet For(CityModel city, int count)
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var kinds = city.Sensors.Kinds.Values
            .Where(profile => !profile.Rules.OfType<RateOfChangeRule>().Any())
            .Select(profile => profile.Kind)
            .Order()
            .ToList();
        if (kinds.Count == 0)
        {
            throw new InvalidOperationException($"City {city.Id} has no sensor kind without a rate-of-change rule.");
        }

        var cells = city.Units
            .Where(u => u.Level == OrgLevel.Grid && u.Boundary is not null)
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => u.Boundary!.InteriorPoint)
            .ToList();
        var registrar = new SensorRegistrar(city, city.Sensors);
        var registrations = new SensorRegistration[count];
        var definitions = new SensorDefinition[count];
        for (var i = 0; i < count; i++)
        {
            var cell = cells[i % cells.Count];
            registrations[i] = new SensorRegistration($"bench-{i:D6}", kinds[i % kinds.Count], cell.X, cell.Y);
            definitions[i] = registrar.Resolve(registrations[i]);
        }

        return new SensorFleet(registrations, definitions);
    }
}
