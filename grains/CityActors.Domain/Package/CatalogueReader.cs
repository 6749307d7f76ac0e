using CityActors.Domain.Calendar;
using CityActors.Domain.City;
using CityActors.Domain.Matters;

namespace CityActors.Domain.Package;

/// <summary>Reads and validates a matter catalogue against the city's departments and units.</summary>
internal static class CatalogueReader
{
    /// <summary>Stage names as matters.json and emergency.json write them.</summary>
    internal static readonly IReadOnlyDictionary<string, CaseStage> Stages = new Dictionary<string, CaseStage>(StringComparer.Ordinal)
    {
        ["verify"] = CaseStage.Verify,
        ["acceptDispatch"] = CaseStage.AcceptAndDispatch,
        ["signFor"] = CaseStage.SignFor,
        ["handle"] = CaseStage.Handle,
        ["inspect"] = CaseStage.Inspect,
    };

    private static readonly Dictionary<string, Urgency> Urgencies = new(StringComparer.Ordinal)
    {
        ["normal"] = Urgency.Normal,
        ["urgent"] = Urgency.Urgent,
    };

    public static MatterCatalogue? Read(
        string directory,
        string? file,
        IReadOnlyDictionary<string, Department> departments,
        IReadOnlyDictionary<string, OrgUnit> units,
        List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            errors.Add("city.json: catalogue (the matter catalogue file name) is missing");
            return null;
        }

        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            errors.Add($"catalogue file {file} not found");
            return null;
        }

        var document = CityPackageLoader.ReadJson<CatalogueDocument>(path, file);
        foreach (var (value, what) in new[] { (document.Id, "id"), (document.Name, "name"), (document.Version, "version"), (document.Source, "source") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{file}: {what} is missing");
            }
        }

        var agencies = departments.Values.Select(d => (d.Agency, d.Level)).ToHashSet();
        var matters = new List<Matter>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (doc, i) in (document.Matters ?? []).Select((m, i) => (m, i)))
        {
            var label = doc.NameZh ?? doc.NameEn;
            var where = $"{file}: matter {doc.Code ?? $"#{i}"}" + (label is null ? string.Empty : $" ({label})");
            var before = errors.Count;
            if (string.IsNullOrWhiteSpace(doc.Code) || !codes.Add(doc.Code))
            {
                errors.Add($"{where}: code is missing or duplicated");
            }

            if (string.IsNullOrWhiteSpace(doc.NameZh) || string.IsNullOrWhiteSpace(doc.NameEn) || string.IsNullOrWhiteSpace(doc.Major) || string.IsNullOrWhiteSpace(doc.Minor))
            {
                errors.Add($"{where}: nameZh, nameEn, major and minor are required");
            }

            MatterKind? kind = doc.Kind switch
            {
                "component" or "部件" => MatterKind.Component,
                "event" or "事件" => MatterKind.Event,
                _ => null,
            };
            if (kind is null)
            {
                errors.Add($"{where}: kind '{doc.Kind}' must be component (部件) or event (事件)");
            }

            var owners = ReadOwners(doc, where, agencies, errors);
            var areaOwners = ReadAreaOwners(doc, where, departments, units, errors);
            if (owners.Count == 0 && areaOwners.Count == 0)
            {
                errors.Add($"{where}: has no responsible department (owners or areaOwners)");
            }

            DispatchRule? rule = doc.Dispatch switch
            {
                null => kind == MatterKind.Event ? DispatchRule.TerritoryFirst : DispatchRule.OwnerFirst,
                "ownerFirst" => DispatchRule.OwnerFirst,
                "territoryFirst" => DispatchRule.TerritoryFirst,
                _ => null,
            };
            if (rule is null)
            {
                errors.Add($"{where}: dispatch '{doc.Dispatch}' must be ownerFirst or territoryFirst");
            }

            Recurrence? recurrence = doc.Recurrence switch
            {
                null or "newCase" => Recurrence.NewCase,
                "reopen" => Recurrence.Reopen,
                _ => null,
            };
            if (recurrence is null)
            {
                errors.Add($"{where}: recurrence '{doc.Recurrence}' must be newCase or reopen");
            }

            var limits = ReadLimits(doc, document, where, errors);
            if (errors.Count == before)
            {
                matters.Add(new Matter(doc.Code!, doc.NameZh!, doc.NameEn!, kind!.Value, doc.Major!, doc.Minor!, owners, areaOwners, rule!.Value, limits, recurrence!.Value));
            }
        }

        if (matters.Count == 0 && (document.Matters ?? []).Count == 0)
        {
            errors.Add($"{file}: the catalogue has no matters");
        }

        return new MatterCatalogue(document.Id ?? "", document.Name ?? "", document.Version ?? "", document.Source ?? "", matters);
    }

    private static Dictionary<OrgLevel, string> ReadOwners(MatterDocument doc, string where, HashSet<(string Agency, OrgLevel Level)> agencies, List<string> errors)
    {
        var owners = new Dictionary<OrgLevel, string>();
        foreach (var (levelText, agency) in doc.Owners ?? [])
        {
            if (!Enum.TryParse<OrgLevel>(levelText, ignoreCase: true, out var level) || !level.HasOperationsCentre() || int.TryParse(levelText, out _))
            {
                errors.Add($"{where}: owner level '{levelText}' must be city, district or street");
            }
            else if (!agencies.Contains((agency, level)))
            {
                errors.Add($"{where}: no department of agency {agency} exists at {levelText} level");
            }
            else
            {
                owners[level] = agency;
            }
        }

        return owners;
    }

    private static List<AreaOwner> ReadAreaOwners(MatterDocument doc, string where, IReadOnlyDictionary<string, Department> departments, IReadOnlyDictionary<string, OrgUnit> units, List<string> errors)
    {
        var owners = new List<AreaOwner>();
        foreach (var owner in doc.AreaOwners ?? [])
        {
            if (owner.Area is null || !units.ContainsKey(owner.Area))
            {
                errors.Add($"{where}: area owner names unknown area '{owner.Area}'");
            }
            else if (owner.Department is null || !departments.ContainsKey(owner.Department))
            {
                errors.Add($"{where}: area owner names unknown department '{owner.Department}'");
            }
            else
            {
                owners.Add(new AreaOwner(owner.Area, owner.Department));
            }
        }

        return owners;
    }

    private static Dictionary<(Urgency, CaseStage), TimeLimit> ReadLimits(MatterDocument doc, CatalogueDocument catalogue, string where, List<string> errors)
    {
        var texts = new Dictionary<(Urgency, CaseStage), string>();
        if (doc.Limits is not null)
        {
            if (catalogue.LimitProfiles?.TryGetValue(doc.Limits, out var profile) == true)
            {
                Merge(profile, texts, $"{where}: limit profile {doc.Limits}", errors);
            }
            else
            {
                errors.Add($"{where}: limit profile '{doc.Limits}' is not defined in limitProfiles");
            }
        }

        Merge(doc.LimitOverrides, texts, where, errors);
        var limits = new Dictionary<(Urgency, CaseStage), TimeLimit>();
        foreach (var urgency in Urgencies)
        {
            foreach (var stage in Stages)
            {
                if (!texts.TryGetValue((urgency.Value, stage.Value), out var text))
                {
                    errors.Add($"{where}: no limit for {stage.Key} ({urgency.Key})");
                }
                else if (!LimitText.TryParse(text, out var limit))
                {
                    errors.Add($"{where}: limit '{text}' for {stage.Key} ({urgency.Key}) is not like \"30m working\" or \"2h natural\"");
                }
                else
                {
                    limits[(urgency.Value, stage.Value)] = limit;
                }
            }
        }

        return limits;
    }

    private static void Merge(Dictionary<string, Dictionary<string, string>>? source, Dictionary<(Urgency, CaseStage), string> into, string where, List<string> errors)
    {
        foreach (var (urgencyText, stages) in source ?? [])
        {
            if (!Urgencies.TryGetValue(urgencyText, out var urgency))
            {
                errors.Add($"{where}: urgency '{urgencyText}' must be normal or urgent");
                continue;
            }

            foreach (var (stageText, limit) in stages)
            {
                if (Stages.TryGetValue(stageText, out var stage))
                {
                    into[(urgency, stage)] = limit;
                }
                else
                {
                    errors.Add($"{where}: stage '{stageText}' must be one of {string.Join(", ", Stages.Keys)}");
                }
            }
        }
    }
}
