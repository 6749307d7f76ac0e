using CityActors.Assist.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// The city's dispatch assistant on this silo, if its package ships one (assist.json): with it, a case the catalogue
/// leaves to the centre is dispatched on acceptance when the model is confident enough (智能派遣).
/// </summary>
public sealed class CaseAssistance(CaseAssistant? assistant)
{
    public static readonly CaseAssistance None = new(null);

    public CaseAssistant? Assistant { get; } = assistant;
}
