using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace CityActors.Assist.Models;

/// <summary>
/// A multiclass maximum-entropy model (ML.NET SDCA) over a request's text and categorical columns, giving every label a
/// probability. One class serves both matter classification (label: type) and dispatch (label: queue); they differ in
/// the columns they read. Training is single-threaded so that a given input and seed always give the same model.
/// </summary>
internal sealed class LabelClassifier
{
    private readonly PredictionEngine<RequestRow, ClassScores> engine;
    private readonly string[] labels;
    private readonly Lock gate = new();

    private LabelClassifier(MLContext ml, ITransformer model)
    {
        engine = ml.Model.CreatePredictionEngine<RequestRow, ClassScores>(model);
        VBuffer<ReadOnlyMemory<char>> names = default;
        engine.OutputSchema["Score"].GetSlotNames(ref names);
        labels = [.. names.DenseValues().Select(n => n.ToString())];
        Model = model;
    }

    public ITransformer Model { get; }

    public IReadOnlyList<string> Labels => labels;

    public static LabelClassifier Train(MLContext ml, IReadOnlyList<RequestRow> rows, string labelColumn, bool readsText, params string[] categoricalColumns)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var featureColumns = new List<string>();
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion.MapValueToKey("Label", labelColumn);
        if (readsText)
        {
            // Words and word pairs catch the vocabulary of a report; character trigrams catch misspellings and the
            // abbreviations call-takers use ("s/w", "Dist 9").
            var text = new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            };
            pipeline = pipeline.Append(ml.Transforms.Text.FeaturizeText("TitleFeatures", text, nameof(RequestRow.Title)));
            featureColumns.Add("TitleFeatures");
        }

        foreach (var column in categoricalColumns)
        {
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(column + "Features", column));
            featureColumns.Add(column + "Features");
        }

        var trainer = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 30,
        });
        var model = pipeline.Append(ml.Transforms.Concatenate("Features", [.. featureColumns])).Append(trainer).Fit(data);
        return new LabelClassifier(ml, model);
    }

    public static LabelClassifier Load(MLContext ml, string path) => new(ml, ml.Model.Load(path, out _));

    public void Save(MLContext ml, string path) => ModelFiles.Save(ml, Model, ml.Data.LoadFromEnumerable(Array.Empty<RequestRow>()).Schema, path);

    /// <summary>The k most probable labels, most probable first (ties in label order, so results are stable).</summary>
    public IReadOnlyList<Ranked> Rank(RequestRow row, int k)
    {
        float[] scores;
        lock (gate)
        {
            scores = engine.Predict(row).Score;
        }

        return Top(scores, k);
    }

    private List<Ranked> Top(float[] scores, int k)
    {
        var best = new List<Ranked>(k);
        var taken = new bool[scores.Length];
        for (var n = 0; n < Math.Min(k, scores.Length); n++)
        {
            var top = -1;
            for (var i = 0; i < scores.Length; i++)
            {
                if (!taken[i] && (top < 0 || scores[i] > scores[top]))
                {
                    top = i;
                }
            }

            taken[top] = true;
            best.Add(new Ranked(labels[top], scores[top]));
        }

        return best;
    }
}
