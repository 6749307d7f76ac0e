namespace CityActors.PostgreSql.Deadlines;

/// <summary>The statements of <see cref="PostgresDeadlineTable"/> over the deadline table of Schema/005_deadlines.sql.</summary>
/// <remarks>Batches travel as parallel arrays unnested into rows, so one statement (one round trip, one transaction) carries any number of deadlines.</remarks>
internal static class PostgresDeadlineSql
{
    /// <summary>
    /// Sets and cancels in one statement, answering each change's due instant from before it. The primary query
    /// ("previous") runs first and locks the existing rows in the order the batch lists them (key order), before the
    /// unreferenced data-modifying parts run; new rows are inserted in that order too. Batches of different silos
    /// therefore lock shared rows in the same order and do not deadlock each other.
    /// </summary>
    public const string Apply = """
        with input as (
            select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::bool[], $7::int[]) with ordinality
                as t(grain_type, grain_key, name, shard, due, cancel, idx, ord)),
        """ + ApplyInput;

    /// <summary>
    /// <see cref="Apply"/> for the deadline changes that travel with journal appends, run after the append statement in
    /// the same transaction: a change applies only if its append wrote its last record in this very transaction ($8–$10
    /// name that record), so a refused append changes no deadline.
    /// </summary>
    public const string ApplyWithAppends = """
        with input as (
            select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::bool[], $7::int[],
                                 $8::text[], $9::text[], $10::bigint[]) with ordinality
                as t(grain_type, grain_key, name, shard, due, cancel, idx, journal_type, journal_key, journal_version, ord)
            where exists (select 1 from grain_journal j
                          where j.grain_type = t.journal_type and j.grain_key = t.journal_key and j.version = t.journal_version
                            and j.feed_tx = pg_current_xact_id())),
        """ + ApplyInput;

    /// <summary>
    /// What <see cref="Apply"/> and <see cref="ApplyWithAppends"/> do with their "input" rows. The primary query
    /// ("previous") runs first and locks the existing rows in the order the batch lists them (key order), before the
    /// unreferenced data-modifying parts run; new rows are inserted in that order too.
    /// </summary>
    private const string ApplyInput = """
        previous as (
            select i.idx, d.due from input i
            join deadline d on d.grain_type = i.grain_type and d.grain_key = i.grain_key and d.name = i.name
            order by i.ord
            for update of d),
        removed as (
            delete from deadline d using input i
            where i.cancel and d.grain_type = i.grain_type and d.grain_key = i.grain_key and d.name = i.name),
        upserted as (
            insert into deadline (grain_type, grain_key, name, shard, due)
            select grain_type, grain_key, name, shard, due from input where not cancel order by ord
            on conflict (grain_type, grain_key, name) do update set shard = excluded.shard, due = excluded.due)
        select idx, due from previous
        """;

    /// <summary>A shard's window: served by the (shard, due) index.</summary>
    public const string ReadDue = "select grain_type, grain_key, name, due from deadline where shard = $1 and due < $2";

    public const string ReadKeys = """
        select d.grain_type, d.grain_key, d.name, d.due
        from unnest($1::text[], $2::text[], $3::text[]) as i(grain_type, grain_key, name)
        join deadline d on d.grain_type = i.grain_type and d.grain_key = i.grain_key and d.name = i.name
        """;

    public const string ReadGrain = "select name, due from deadline where grain_type = $1 and grain_key = $2";

    /// <summary>
    /// Deletes each delivered row only if its due instant is unchanged, and answers the given keys whose rows remain
    /// with another instant. As in <see cref="Apply"/>, the primary query first locks the rows in batch (key) order.
    /// </summary>
    public const string DeleteFired = """
        with input as (
            select * from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) with ordinality as t(grain_type, grain_key, name, due, ord)),
        current as (
            select d.grain_type, d.grain_key, d.name, d.due, i.due as fired_due from input i
            join deadline d on d.grain_type = i.grain_type and d.grain_key = i.grain_key and d.name = i.name
            order by i.ord
            for update of d),
        deleted as (
            delete from deadline d using input i
            where d.grain_type = i.grain_type and d.grain_key = i.grain_key and d.name = i.name and d.due = i.due)
        select grain_type, grain_key, name, due from current where due <> fired_due
        """;
}
