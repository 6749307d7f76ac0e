namespace CityActors.LoadTests.Grains;

/// <summary>The same grain with its state in Orleans' stock AdoNet grain storage.</summary>
public interface IStockWriterGrain : IGrainWithIntegerKey
{
    Task<int> Write(int value);
}
