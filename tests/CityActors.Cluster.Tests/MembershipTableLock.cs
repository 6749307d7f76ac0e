using Npgsql;

namespace CityActors.Cluster.Tests;

/// <summary>
/// Holds PostgreSQL's strongest lock on the membership table, so every silo's reads and writes of it wait (as if the
/// database were slow) until disposed.
/// </summary>
internal sealed class MembershipTableLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private MembershipTableLock(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public static async Task<MembershipTableLock> TakeAsync(string database)
    {
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("lock table orleans_membership in access exclusive mode", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new MembershipTableLock(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
