namespace CityActors.LoadTests.Grains;

/// <summary>A grain whose every call updates its state and returns once the write committed, in our PostgreSQL grain storage.</summary>
public interface IWriterGrain : IGrainWithIntegerKey
{
    Task<int> Write(int value);
}
