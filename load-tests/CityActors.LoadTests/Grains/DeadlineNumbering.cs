using System.Globalization;

namespace CityActors.LoadTests.Grains;

/// <summary>
/// How the deadlines benchmark numbers its pending deadlines: deadline i belongs to grain "g{i mod grains}" and is
/// named "d{i div grains}", so each grain's deadlines are spread over the whole schedule.
/// </summary>
public sealed record DeadlineNumbering(int Pending, int Grains)
{
    public const string PendingPrefix = "d";

    public static string GrainKey(int grain) => "g" + grain.ToString(CultureInfo.InvariantCulture);

    public string GrainKeyOf(int index) => GrainKey(index % Grains);

    public static string NameOf(int slot) => PendingPrefix + slot.ToString(CultureInfo.InvariantCulture);

    public string NameOfIndex(int index) => NameOf(index / Grains);

    public int IndexOf(int grain, int slot) => (slot * Grains) + grain;
}
