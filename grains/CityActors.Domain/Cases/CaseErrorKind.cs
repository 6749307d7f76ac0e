namespace CityActors.Domain.Cases;

/// <summary>Why a command was refused.</summary>
public enum CaseErrorKind
{
    /// <summary>The command's input is malformed or names something that does not exist (HTTP 400/422).</summary>
    Invalid,

    /// <summary>The actor's role or org does not allow the command on this case (HTTP 403).</summary>
    Forbidden,

    /// <summary>The case is not in a state where the command applies (HTTP 409).</summary>
    InvalidTransition,

    /// <summary>The case does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>The case changed while the command was being decided (another writer committed first); nothing changed, retry (HTTP 409).</summary>
    Conflict,
}
