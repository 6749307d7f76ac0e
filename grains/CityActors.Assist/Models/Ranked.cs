namespace CityActors.Assist.Models;

/// <summary>A label with the model's probability for it.</summary>
public sealed record Ranked(string Label, double Confidence);
