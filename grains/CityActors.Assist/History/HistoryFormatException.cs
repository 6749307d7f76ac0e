namespace CityActors.Assist.History;

/// <summary>A history file that cannot be read: an unknown schema, a missing column, a malformed row (named by its line).</summary>
public sealed class HistoryFormatException(string message, Exception? inner = null) : Exception(message, inner);
