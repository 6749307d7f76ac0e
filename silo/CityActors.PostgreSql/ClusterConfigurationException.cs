namespace CityActors.PostgreSql;

/// <summary>The cluster database cannot be used as configured (unreachable, schema too old or too new). The message never holds a password.</summary>
public sealed class ClusterConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
