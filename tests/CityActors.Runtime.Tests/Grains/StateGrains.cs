namespace CityActors.Runtime.Tests.Grains;

public sealed class Profile
{
    public string Name { get; set; } = "";

    public List<string> Tags { get; set; } = [];
}

public interface IProfileGrain : IGrainWithStringKey
{
    Task Rename(string name);

    Task<Profile> Read();

    Task<string?> Etag();

    Task<bool> Exists();

    Task Clear();

    Task Deactivate();
}

public sealed class ProfileGrain([PersistentState("profile")] IPersistentState<Profile> profile) : Grain, IProfileGrain
{
    public async Task Rename(string name)
    {
        profile.State.Name = name;
        profile.State.Tags.Add(name);
        await profile.WriteStateAsync();
    }

    public Task<Profile> Read() => Task.FromResult(new Profile { Name = profile.State.Name, Tags = [.. profile.State.Tags] });

    public Task<string?> Etag() => Task.FromResult(profile.Etag);

    public Task<bool> Exists() => Task.FromResult(profile.RecordExists);

    public Task Clear() => profile.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
