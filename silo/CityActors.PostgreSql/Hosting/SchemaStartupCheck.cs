using CityActors.PostgreSql.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace CityActors.PostgreSql.Hosting;

/// <summary>
/// Silo start-up step that brings the cluster database schema to this build's version
/// (<see cref="PostgresOptions.ApplySchema"/> true) or refuses to start on an outdated or too-new schema, and refuses
/// an unreachable database, naming host, port, database and user but never the password.
/// </summary>
/// <remarks>
/// It runs at <see cref="Stage"/>: before the silo opens its listeners (RuntimeInitialize − 1), and so before the
/// membership table (RuntimeGrainServices), the reminder table or any storage read the query rows and tables the
/// schema provides. A failure stops the silo's start with the <see cref="ClusterConfigurationException"/>.
/// </remarks>
internal sealed partial class SchemaStartupCheck(
    SchemaMigrator migrator,
    ClusterSchemaTarget target,
    IOptions<PostgresOptions> options,
    ILogger<SchemaStartupCheck> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The silo lifecycle stage of the check.</summary>
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 100;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(SchemaStartupCheck), Stage, OnStartAsync);

    private async Task OnStartAsync(CancellationToken cancellationToken)
    {
        var apply = options.Value.ApplySchema;
        LogChecking(SchemaMigrator.Describe(target.ConnectionString), apply);
        await migrator.EnsureCurrentAsync(apply, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Checking the cluster database schema ({Database}); upgrade allowed: {Apply}.")]
    private partial void LogChecking(string database, bool apply);
}
