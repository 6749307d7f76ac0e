namespace CityActors;

/// <summary>Marker for every grain interface. Methods return <see cref="Task"/>, <see cref="Task{T}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{T}"/>.</summary>
public interface IGrain
{
}

/// <summary>A grain addressed by a string key.</summary>
public interface IGrainWithStringKey : IGrain
{
}

/// <summary>A grain addressed by a <see cref="Guid"/> key.</summary>
public interface IGrainWithGuidKey : IGrain
{
}

/// <summary>A grain addressed by a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey : IGrain
{
}

/// <summary>How a grain interface is keyed; <see cref="None"/> marks system interfaces (such as <see cref="IRemindable"/>) that add behaviour to grains of other types.</summary>
public enum GrainKeyKind
{
    None,
    String,
    Guid,
    Integer,
}
