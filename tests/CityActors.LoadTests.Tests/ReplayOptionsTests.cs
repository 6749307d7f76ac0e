using CityActors.LoadTests.Replay;

namespace CityActors.LoadTests.Tests;

public sealed class ReplayOptionsTests
{
    [Fact]
    public void Short_run_is_embedded_and_bounded()
    {
        var options = ReplayOptions.Parse(["--short"]);
        options.Silos.ShouldBe(0);
        options.Seconds.ShouldBe(6);
        options.EffectiveLifecycleCompression.ShouldBe(43_200);
    }

    [Fact]
    public void Options_override_the_short_run_and_the_defaults()
    {
        var options = ReplayOptions.Parse(["--via", "http", "--silos", "2", "--kill-silo-at", "30", "--compression", "100", "--sensors", "1000"]);
        (options.Via, options.Silos, options.KillSiloAt, options.Compression, options.Sensors).ShouldBe((ReplayVia.Http, 2, 30.0, 100.0, 1000));
        options.EffectiveLifecycleCompression.ShouldBe(100);
    }

    [Theory]
    [InlineData("--kill-silo-at 10", "--kill-silo-at and --cut-db-at need silo processes")]
    [InlineData("--silos 1 --kill-silo-at 10", "needs --silos 2 or more")]
    [InlineData("--bogus 1", "Unknown option '--bogus'")]
    [InlineData("--compression -3", "'--compression' needs a positive number, not '-3'")]
    [InlineData("--via pigeon", "--via takes grains or http, not 'pigeon'")]
    [InlineData("--p-return 1.5", "'--p-return' needs a number from 0 to 1")]
    [InlineData("--seconds", "'--seconds' needs a value")]
    [InlineData("--csv /no/such/file.csv", "--csv: no file")]
    public void Bad_options_are_refused_with_their_reason(string args, string message)
    {
        Should.Throw<ArgumentException>(() => ReplayOptions.Parse(args.Split(' '))).Message.ShouldContain(message);
    }
}
