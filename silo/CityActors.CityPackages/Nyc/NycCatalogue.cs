using CityActors.Domain.Package;

namespace CityActors.CityPackages.Nyc;

/// <summary>
/// The NYC 311 matter catalogue: the most frequent physical and street-level complaint types of the public 1M-request
/// 311 sample (data/nyc/nyc311-complaints-by-community-board.csv), each with the agency NYC 311 routes it to. Administrative
/// requests (benefit cards, literature, licence applications, payment disputes) are not city-operations matters and
/// are left out. Conditions only sensors report follow the 311 types.
/// </summary>
internal static class NycCatalogue
{
    public const string Source =
        "Complaint types and their routing agencies from NYC Open Data 311 service requests (1,000,000-request random sample, 2010–2020, " +
        "as summarised in data/nyc of the CityActors repository); only physical and street-level complaint types are included. Classes map 311 complaint types " +
        "onto the 部件/事件 model (assets → component, occurrences → event). Time limits are sample values in the spirit of NYC 311 service " +
        "expectations (hours for noise and blocked driveways, days for repairs), not official NYC service levels. The matters after the 311 " +
        "types (street flooding, displaced manhole covers, smoke, gas, bridge strain, sensors offline) are conditions the city's sensors report.";

    // Complaint type, agency, kind, major class, minor class, Chinese name, handling limit (normal), handling limit (urgent).
    private static readonly (string Type, string Agency, string Kind, string Major, string Minor, string NameZh, string Handle, string HandleUrgent)[] Entries =
    [
        ("Noise - Residential", "NYPD", "event", "Quality of Life", "Noise", "住宅噪音", "8h natural", "2h natural"),
        ("HEAT/HOT WATER", "HPD", "event", "Housing", "Heat and hot water", "供暖热水", "24h natural", "8h natural"),
        ("Illegal Parking", "NYPD", "event", "Streets", "Parking", "违法停车", "8h natural", "2h natural"),
        ("Blocked Driveway", "NYPD", "event", "Streets", "Parking", "车道被堵", "8h natural", "2h natural"),
        ("Street Condition", "DOT", "component", "Streets", "Roadway", "路面状况", "80h working", "24h natural"),
        ("Street Light Condition", "DOT", "component", "Streets", "Lighting", "路灯故障", "80h working", "24h natural"),
        ("PLUMBING", "HPD", "event", "Housing", "Plumbing", "给排水维修", "40h working", "24h natural"),
        ("Water System", "DEP", "component", "Water and Sewer", "Water system", "供水系统", "40h working", "8h natural"),
        ("Noise - Street/Sidewalk", "NYPD", "event", "Quality of Life", "Noise", "街道噪音", "8h natural", "2h natural"),
        ("UNSANITARY CONDITION", "HPD", "event", "Housing", "Sanitation", "不卫生状况", "80h working", "24h natural"),
        ("Noise", "DEP", "event", "Quality of Life", "Noise", "环境噪音", "80h working", "24h natural"),
        ("Request Large Bulky Item Collection", "DSNY", "event", "Sanitation", "Collection", "大件垃圾清运", "40h working", "24h natural"),
        ("Traffic Signal Condition", "DOT", "component", "Streets", "Traffic signals", "交通信号灯故障", "16h working", "4h natural"),
        ("General Construction/Plumbing", "DOB", "event", "Buildings", "Construction", "施工及管道", "80h working", "24h natural"),
        ("Noise - Commercial", "NYPD", "event", "Quality of Life", "Noise", "商业噪音", "8h natural", "2h natural"),
        ("Damaged Tree", "DPR", "component", "Parks and Trees", "Street trees", "树木受损", "80h working", "8h natural"),
        ("Sewer", "DEP", "component", "Water and Sewer", "Sewer", "下水道", "40h working", "8h natural"),
        ("Missed Collection (All Materials)", "DSNY", "event", "Sanitation", "Collection", "漏收垃圾", "24h working", "8h natural"),
        ("Taxi Complaint", "TLC", "event", "Transportation", "For-hire vehicles", "出租车投诉", "80h working", "24h natural"),
        ("Noise - Vehicle", "NYPD", "event", "Quality of Life", "Noise", "车辆噪音", "8h natural", "2h natural"),
        ("Dirty Conditions", "DSNY", "event", "Sanitation", "Cleanliness", "环境脏乱", "40h working", "24h natural"),
        ("Broken Muni Meter", "DOT", "component", "Streets", "Parking meters", "停车收费表损坏", "80h working", "24h natural"),
        ("Homeless Person Assistance", "DHS", "event", "Social Services", "Outreach", "流浪人员救助", "4h natural", "1h natural"),
        ("Building/Use", "DOB", "event", "Buildings", "Illegal use", "违规使用建筑", "80h working", "24h natural"),
        ("Non-Emergency Police Matter", "NYPD", "event", "Public Safety", "Police", "非紧急治安事项", "8h natural", "2h natural"),
        ("Derelict Vehicles", "DSNY", "event", "Streets", "Vehicles", "废弃车辆", "80h working", "24h natural"),
        ("Rodent", "DOHMH", "event", "Health", "Pests", "鼠患", "80h working", "24h natural"),
        ("Sanitation Condition", "DSNY", "event", "Sanitation", "Cleanliness", "环卫状况", "40h working", "24h natural"),
        ("Sidewalk Condition", "DOT", "component", "Streets", "Sidewalks", "人行道状况", "80h working", "24h natural"),
        ("Abandoned Vehicle", "NYPD", "event", "Streets", "Vehicles", "弃置车辆", "24h natural", "8h natural"),
        ("Overgrown Tree/Branches", "DPR", "component", "Parks and Trees", "Street trees", "树枝过长", "80h working", "24h natural"),
        ("Water Leak", "DEP", "component", "Water and Sewer", "Water system", "漏水", "24h working", "4h natural"),
        ("Graffiti", "DSNY", "event", "Sanitation", "Cleanliness", "涂鸦", "80h working", "24h natural"),
        ("Air Quality", "DEP", "event", "Environment", "Air", "空气质量", "40h working", "8h natural"),
    ];

    // Conditions that only the city's sensors report (NycSensors), after the 311 types and in this order: their codes
    // do not depend on complaint counts. Flooding, a displaced cover, a gas alarm and an overstrained bridge that come
    // back soon after their case closed reopen it (the fix did not hold); smoke is a new occurrence each time. A
    // sensor that drops off again reopens its offline case rather than opening one per outage.
    private static readonly (string Type, string Agency, string Kind, string Major, string Minor, string NameZh, string Handle, string HandleUrgent, string Recurrence)[] SensorEntries =
    [
        ("Street Flooding", "DEP", "event", "Water and Sewer", "Flooding", "道路积水", "8h natural", "2h natural", "reopen"),
        ("Manhole Cover Displaced", "DEP", "component", "Water and Sewer", "Sewer", "井盖移位", "8h natural", "2h natural", "reopen"),
        ("Smoke Detected", "DEP", "event", "Environment", "Air", "烟雾报警", "4h natural", "1h natural", "newCase"),
        ("Gas Concentration Alarm", "DOB", "event", "Buildings", "Gas", "燃气浓度超标", "4h natural", "1h natural", "reopen"),
        ("Bridge Strain Alert", "DOT", "component", "Streets", "Bridges", "桥梁应变超限", "24h natural", "4h natural", "reopen"),
        ("Sensor Offline (DEP)", "DEP", "component", "Sensors", "Offline", "感知设备离线（环保局）", "40h working", "24h natural", "reopen"),
        ("Sensor Offline (DOT)", "DOT", "component", "Sensors", "Offline", "感知设备离线（交通局）", "40h working", "24h natural", "reopen"),
        ("Sensor Offline (DOHMH)", "DOHMH", "component", "Sensors", "Offline", "感知设备离线（卫生局）", "40h working", "24h natural", "reopen"),
        ("Sensor Offline (DOB)", "DOB", "component", "Sensors", "Offline", "感知设备离线（建筑局）", "40h working", "24h natural", "reopen"),
    ];

    // 311 types that sensors also report, where a returning condition is the old fault: a sewer backing up again, a
    // lamp failing again. Noise and air quality episodes are new occurrences (the default).
    private static readonly HashSet<string> ReopeningTypes = new(StringComparer.Ordinal) { "Sewer", "Street Light Condition" };

    /// <summary>The code a complaint type has in the built catalogue.</summary>
    public static string CodeOf(CatalogueDocument catalogue, string type) =>
        catalogue.Matters!.Single(m => m.NameEn == type).Code!;

    /// <summary>Agencies the catalogue routes to, with their names; each has a city department and an office in every borough.</summary>
    public static readonly IReadOnlyDictionary<string, string> Agencies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["NYPD"] = "Police Department",
        ["HPD"] = "Department of Housing Preservation and Development",
        ["DOT"] = "Department of Transportation",
        ["DSNY"] = "Department of Sanitation",
        ["DEP"] = "Department of Environmental Protection",
        ["DOB"] = "Department of Buildings",
        ["DPR"] = "Department of Parks and Recreation",
        ["DOHMH"] = "Department of Health and Mental Hygiene",
        ["TLC"] = "Taxi and Limousine Commission",
        ["DHS"] = "Department of Homeless Services",
    };

    /// <summary>
    /// The catalogue document: the 311 matters ordered by how often the complaint type occurs in the sample, then the
    /// sensor-only matters.
    /// </summary>
    public static CatalogueDocument Build(IReadOnlyDictionary<string, long> complaintCounts)
    {
        var ranked = Entries
            .OrderByDescending(e => complaintCounts.GetValueOrDefault(e.Type))
            .ThenBy(e => e.Type, StringComparer.Ordinal)
            .Select(e => (e.Type, e.Agency, e.Kind, e.Major, e.Minor, e.NameZh, e.Handle, e.HandleUrgent, Recurrence: ReopeningTypes.Contains(e.Type) ? "reopen" : "newCase"))
            .Concat(SensorEntries)
            .ToList();
        return new CatalogueDocument
        {
            Id = "nyc-311",
            Name = "NYC 311 complaint types / 纽约 311 诉求事项",
            Version = "2026.11",
            Source = Source,
            LimitProfiles = new()
            {
                ["standard"] = new()
                {
                    ["normal"] = Stages("1h working", "1h working", "2h working", "1h working"),
                    ["urgent"] = Stages("30m natural", "15m natural", "30m natural", "1h natural"),
                },
            },
            Matters = [.. ranked.Select((e, i) => new MatterDocument
            {
                Code = $"NYC{i + 1:D3}",
                NameZh = e.NameZh,
                NameEn = e.Type,
                Kind = e.Kind,
                Major = e.Major,
                Minor = e.Minor,
                Owners = new() { ["district"] = e.Agency },
                Limits = "standard",
                LimitOverrides = new()
                {
                    ["normal"] = new() { ["handle"] = e.Handle },
                    ["urgent"] = new() { ["handle"] = e.HandleUrgent },
                },
                Recurrence = e.Recurrence == "newCase" ? null : e.Recurrence,
            })],
        };
    }

    private static Dictionary<string, string> Stages(string verify, string acceptDispatch, string signFor, string inspect) => new()
    {
        ["verify"] = verify,
        ["acceptDispatch"] = acceptDispatch,
        ["signFor"] = signFor,
        ["handle"] = "8h working",
        ["inspect"] = inspect,
    };
}
