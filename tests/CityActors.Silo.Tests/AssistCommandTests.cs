using System.Text.Json;
using CityActors.Testing;

namespace CityActors.Silo.Tests;

/// <summary>train-assist and eval-assist as operators run them: the silo executable with the command's arguments.</summary>
public sealed class AssistCommandTests
{
    private static string Nyc => RepositoryFiles.Nyc("nyc311-sample-100.csv");

    [Fact]
    public async Task Train_then_evaluate_a_history_ends_with_one_JSON_line_of_figures()
    {
        var model = Directory.CreateTempSubdirectory("assist-cli-");
        try
        {
            var (trained, trainOutput) = await SiloProcess.RunCommandAsync("train-assist", Nyc, model.FullName, "--until", "2018-05-01", "--seed", "3");
            trained.ShouldBe(0, trainOutput);
            trainOutput.ShouldContain("read 100 requests (nyc schema");
            trainOutput.ShouldContain($"model nyc-20180501-");

            var (evaluated, evalOutput) = await SiloProcess.RunCommandAsync("eval-assist", model.FullName, Nyc);

            evaluated.ShouldBe(0, evalOutput);
            var last = evalOutput.TrimEnd().Split('\n')[^1];
            using var figures = JsonDocument.Parse(last);
            figures.RootElement.GetProperty("model").GetString()!.ShouldEndWith("-s3");
            figures.RootElement.GetProperty("cases").GetInt32().ShouldBe(25);
            figures.RootElement.GetProperty("matter").GetProperty("all").GetProperty("top1").GetDouble().ShouldBeInRange(0, 1);
            trainOutput.ShouldContain("gate thresholds: queue ");
            evalOutput.ShouldContain("department-level gate (automatic dispatch) at shipped threshold");
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(model.FullName, "manifest.json")));
            figures.RootElement.GetProperty("departmentGate").GetProperty("shipped").GetProperty("threshold").GetDouble()
                .ShouldBe(manifest.RootElement.GetProperty("departmentGateThreshold").GetDouble());
            figures.RootElement.GetProperty("gate").GetProperty("shipped").GetProperty("threshold").GetDouble()
                .ShouldBe(manifest.RootElement.GetProperty("gateThreshold").GetDouble());
        }
        finally
        {
            model.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bad_arguments_are_named_with_their_exit_codes()
    {
        var (missing, missingOutput) = await SiloProcess.RunCommandAsync("train-assist", "/nonexistent/history.csv", Path.GetTempPath());
        var (option, optionOutput) = await SiloProcess.RunCommandAsync("train-assist", Nyc, Path.GetTempPath(), "--until", "someday");
        var (usage, usageOutput) = await SiloProcess.RunCommandAsync("eval-assist");
        var (notModel, notModelOutput) = await SiloProcess.RunCommandAsync("eval-assist", Path.GetTempPath(), Nyc);

        (missing, missingOutput.Trim()).ShouldBe((1, "train-assist: History file /nonexistent/history.csv does not exist."));
        option.ShouldBe(2);
        optionOutput.ShouldContain("train-assist: --until needs a date yyyy-MM-dd, not 'someday'.");
        usage.ShouldBe(2);
        usageOutput.ShouldContain("usage: train-assist <history.csv|zip> <out-dir>");
        notModel.ShouldBe(1);
        notModelOutput.ShouldContain("is not an assist model: it has no manifest.json.");
    }
}
