namespace CityActors.Api.Tests;

/// <summary>All API tests share one host (<see cref="ApiHost"/>).</summary>
[CollectionDefinition(ApiHost.Collection)]
public sealed class ApiHostCollection : ICollectionFixture<ApiHost>;
