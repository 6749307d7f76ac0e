namespace CityActors.Domain.Cases;

/// <summary>A model's estimate of when a new case will be resolved, made by the silo before intake is decided.</summary>
/// <param name="ExpectedAt">The report time plus <paramref name="Hours"/>.</param>
/// <param name="Hours">Expected hours from report to closure.</param>
/// <param name="ModelVersion">The model that estimated it.</param>
public sealed record ResolutionEstimate(DateTimeOffset ExpectedAt, double Hours, string ModelVersion);
