using Npgsql;

namespace CityActors.PostgreSql.Tests.Storage;

public sealed class PostgresDataSourceProviderTests
{
    private const string Database = "Host=127.0.0.1;Port=5432;Username=silo;Password=secret;Database=city";

    [Fact]
    public async Task One_connection_string_gets_one_pool()
    {
        await using var provider = new PostgresDataSourceProvider();

        provider.GetDataSource(Database).ShouldBeSameAs(provider.GetDataSource(Database));
        provider.GetDataSource(Database).ShouldNotBeSameAs(provider.GetDataSource(Database + ";Application Name=other"));
    }

    [Fact]
    public async Task A_connection_string_without_a_pool_size_gets_a_small_pool()
    {
        await using var provider = new PostgresDataSourceProvider();

        PoolSize(provider.GetDataSource(Database)).ShouldBe(PostgresDataSourceProvider.DefaultMaxPoolSize);
    }

    [Theory]
    [InlineData("Maximum Pool Size=3")]
    [InlineData("MaxPoolSize=3")]
    [InlineData("maxpoolsize=3")]
    public async Task A_pool_size_in_the_connection_string_is_kept(string setting)
    {
        await using var provider = new PostgresDataSourceProvider();

        PoolSize(provider.GetDataSource($"{Database};{setting}")).ShouldBe(3);
    }

    [Fact]
    public async Task Statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        await using var provider = new PostgresDataSourceProvider();

        AutoPrepare(provider.GetDataSource(Database)).ShouldBe(PostgresDataSourceProvider.DefaultMaxAutoPrepare);
        AutoPrepare(provider.GetDataSource($"{Database};Max Auto Prepare=0")).ShouldBe(0);
    }

    [Fact]
    public async Task Pooled_connections_are_not_reset_unless_the_connection_string_says_otherwise()
    {
        await using var provider = new PostgresDataSourceProvider();

        NoReset(provider.GetDataSource(Database)).ShouldBeTrue();
        NoReset(provider.GetDataSource($"{Database};No Reset On Close=false")).ShouldBeFalse();
    }

    private static bool NoReset(NpgsqlDataSource dataSource) => new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).NoResetOnClose;

    private static int AutoPrepare(NpgsqlDataSource dataSource) => new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxAutoPrepare;

    private static int PoolSize(NpgsqlDataSource dataSource) => new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxPoolSize;
}
