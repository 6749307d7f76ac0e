using CityActors.Domain.City;

namespace CityActors.Domain.Package;

/// <summary>Checks the org units of a package: one city, known levels, unique hierarchical codes, parents one level up.</summary>
internal static class UnitValidator
{
    public static IReadOnlyDictionary<string, OrgUnit> Validate(List<UnitDocument> documents, List<string> errors)
    {
        var units = new Dictionary<string, OrgUnit>(StringComparer.Ordinal);
        foreach (var (doc, i) in documents.Select((d, i) => (d, i)))
        {
            var where = $"units[{i}] ({doc.Code ?? "no code"})";
            if (string.IsNullOrWhiteSpace(doc.Code) || doc.Code.Any(c => char.IsWhiteSpace(c) || c == '/'))
            {
                errors.Add($"{where}: code is missing or contains spaces or '/'");
                continue;
            }

            if (!Enum.TryParse<OrgLevel>(doc.Level, ignoreCase: true, out var level) || !Enum.IsDefined(level) || int.TryParse(doc.Level, out _))
            {
                errors.Add($"{where}: level '{doc.Level}' is not one of city, district, street, community");
                continue;
            }

            if (level == OrgLevel.Grid)
            {
                errors.Add($"{where}: grid cells are generated from grid.cellSizeMeters, not listed");
                continue;
            }

            if (!units.TryAdd(doc.Code, new OrgUnit(doc.Code, level, doc.Name ?? doc.Code, doc.Parent, null)))
            {
                errors.Add($"{where}: duplicate code {doc.Code}");
            }
        }

        var cities = units.Values.Where(u => u.Level == OrgLevel.City).ToList();
        if (cities.Count != 1)
        {
            errors.Add($"units: exactly one unit must have level city (found {cities.Count})");
        }

        foreach (var unit in units.Values.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            CheckParent(unit, units, errors);
        }

        return units;
    }

    private static void CheckParent(OrgUnit unit, Dictionary<string, OrgUnit> units, List<string> errors)
    {
        if (unit.Level == OrgLevel.City)
        {
            if (unit.ParentCode is not null)
            {
                errors.Add($"city {unit.Code} must not have a parent");
            }

            if (unit.Code.Contains(OrgUnit.Separator, StringComparison.Ordinal))
            {
                errors.Add($"city code {unit.Code} must not contain '{OrgUnit.Separator}'");
            }

            return;
        }

        var level = unit.Level.ToString().ToLowerInvariant();
        if (unit.ParentCode is null || !units.TryGetValue(unit.ParentCode, out var parent))
        {
            errors.Add($"{level} {unit.Code}: unknown parent '{unit.ParentCode}'");
            return;
        }

        if (parent.Level != unit.Level.Parent())
        {
            errors.Add($"{level} {unit.Code}: parent {parent.Code} is a {parent.Level.ToString().ToLowerInvariant()}, expected a {unit.Level.Parent()!.Value.ToString().ToLowerInvariant()}");
        }

        var prefix = parent.Code + OrgUnit.Separator;
        var local = unit.Code.StartsWith(prefix, StringComparison.Ordinal) ? unit.Code[prefix.Length..] : null;
        if (string.IsNullOrEmpty(local) || local.Contains(OrgUnit.Separator, StringComparison.Ordinal))
        {
            errors.Add($"{level} {unit.Code}: code must be its parent's code, '{OrgUnit.Separator}', and one segment ({prefix}…)");
        }
    }
}
