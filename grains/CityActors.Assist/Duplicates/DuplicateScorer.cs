using CityActors.Assist.Models;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace CityActors.Assist.Duplicates;

/// <summary>
/// The probability that a request is a duplicate of one already open, from its <see cref="DuplicateEvidence"/>:
/// boosted trees (ML.NET FastTree) so that distance, time and text can trade off against each other and against how
/// often each type is reported twice.
/// </summary>
internal sealed class DuplicateScorer
{
    private readonly PredictionEngine<DuplicateEvidence, DuplicateProbability> engine;
    private readonly Lock gate = new();

    private DuplicateScorer(MLContext ml, ITransformer model)
    {
        Model = model;
        engine = ml.Model.CreatePredictionEngine<DuplicateEvidence, DuplicateProbability>(model);
    }

    public ITransformer Model { get; }

    public static DuplicateScorer Train(MLContext ml, IReadOnlyList<DuplicateEvidence> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Categorical.OneHotEncoding(
                [new InputOutputColumnPair("TypeFeatures", nameof(DuplicateEvidence.Type)), new InputOutputColumnPair("ChannelFeatures", nameof(DuplicateEvidence.Channel))])
            .Append(ml.Transforms.Concatenate("Features", ["TypeFeatures", "ChannelFeatures", .. DuplicateEvidence.NumericColumns]))
            .Append(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = nameof(DuplicateEvidence.Label),
                FeatureColumnName = "Features",
                NumberOfThreads = 1,
                NumberOfTrees = 100,
                NumberOfLeaves = 20,
                MinimumExampleCountPerLeaf = 10,
                Seed = 1,
            }));
        return new DuplicateScorer(ml, pipeline.Fit(data));
    }

    public static DuplicateScorer Load(MLContext ml, string path) => new(ml, ml.Model.Load(path, out _));

    public void Save(MLContext ml, string path) => ModelFiles.Save(ml, Model, ml.Data.LoadFromEnumerable(Array.Empty<DuplicateEvidence>()).Schema, path);

    public double Probability(DuplicateEvidence evidence)
    {
        lock (gate)
        {
            return engine.Predict(evidence).Probability;
        }
    }

    private sealed class DuplicateProbability
    {
        [ColumnName("Probability")]
        public float Probability { get; set; }
    }
}
