namespace CityActors.Deadlines.Tests;

public sealed class MemoryDeadlineTableTests : DeadlineTableContract
{
    protected override Task<IDeadlineTable> CreateTableAsync() => Task.FromResult<IDeadlineTable>(new MemoryDeadlineTable());
}
