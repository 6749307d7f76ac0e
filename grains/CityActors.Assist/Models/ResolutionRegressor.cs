using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace CityActors.Assist.Models;

/// <summary>
/// Expected hours from opening to closure: boosted trees (ML.NET FastTree) on log hours over the type, queue, place,
/// channel and the hour and weekday of opening. Trees rather than a linear model because the effects interact (a type
/// that is closed the same day on weekdays waits for Monday when reported on Saturday).
/// </summary>
internal sealed class ResolutionRegressor
{
    private readonly PredictionEngine<RequestRow, HoursScore> engine;
    private readonly Lock gate = new();

    private ResolutionRegressor(MLContext ml, ITransformer model)
    {
        Model = model;
        engine = ml.Model.CreatePredictionEngine<RequestRow, HoursScore>(model);
    }

    public ITransformer Model { get; }

    public static ResolutionRegressor Train(MLContext ml, IReadOnlyList<RequestRow> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var categorical = new[] { nameof(RequestRow.Type), nameof(RequestRow.Queue), nameof(RequestRow.Area), nameof(RequestRow.Channel) };
        IEstimator<ITransformer> pipeline = ml.Transforms.Categorical.OneHotEncoding(
            [.. categorical.Select(c => new InputOutputColumnPair(c + "Features", c))]);
        pipeline = pipeline
            .Append(ml.Transforms.Concatenate("Features", [.. categorical.Select(c => c + "Features"), nameof(RequestRow.Hour), nameof(RequestRow.Weekday)]))
            .Append(ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                LabelColumnName = nameof(RequestRow.LogHours),
                FeatureColumnName = "Features",
                NumberOfThreads = 1,
                NumberOfTrees = 200,
                NumberOfLeaves = 31,
                MinimumExampleCountPerLeaf = 20,
                Seed = 1,
            }));
        return new ResolutionRegressor(ml, pipeline.Fit(data));
    }

    public static ResolutionRegressor Load(MLContext ml, string path) => new(ml, ml.Model.Load(path, out _));

    public void Save(MLContext ml, string path) => ModelFiles.Save(ml, Model, ml.Data.LoadFromEnumerable(Array.Empty<RequestRow>()).Schema, path);

    public double PredictHours(RequestRow row)
    {
        float log;
        lock (gate)
        {
            log = engine.Predict(row).Score;
        }

        return Math.Max(0, Math.Exp(log) - 1);
    }
}
