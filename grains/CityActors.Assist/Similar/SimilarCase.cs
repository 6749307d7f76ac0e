namespace CityActors.Assist.Similar;

/// <summary>A closed case like the one at hand, with how it was resolved.</summary>
/// <param name="Id">The closed case's id.</param>
/// <param name="Title">What was reported.</param>
/// <param name="Closure">What the city recorded on closing it.</param>
/// <param name="HandlingHours">Hours from opening to closure.</param>
/// <param name="Meters">Distance from the case at hand; null when either is not located.</param>
/// <param name="Score">How alike (0–1): text similarity and nearness.</param>
public sealed record SimilarCase(string Id, string Title, string Closure, double HandlingHours, double? Meters, double Score);
