using Microsoft.ML;
using Microsoft.ML.Data;

namespace ML.AutoEncoderRec.Evaluation;

/// <summary>The work behind <see cref="RecommenderEvaluationCatalog.Evaluate"/>.</summary>
internal static class RecommenderEvaluator
{
    /// <summary>Largest k accepted (ML.NET's ranking evaluator truncates DCG at most at this level).</summary>
    public const int MaximumK = 100;

    private const int UsersPerBatch = 128;

    public static RecommenderMetrics Evaluate(MLContext ml, ITransformer model, IDataView test, int k, RecommenderEvaluationOptions options)
    {
        var columns = new DataViewRatings.Columns(options.UserIdColumnName, options.ItemIdColumnName, options.LabelColumnName);
        var testTable = DataViewRatings.ReadTable(test, columns, "test data");
        var recommender = ModelInspection.FindRecommenderOrNull(model);
        var scorer = recommender ?? model;

        var (raw, clipped, unscored) = RatingFigures(ml, scorer.Transform(test), options);
        if (recommender is { ProducesRatings: false })
            (raw, clipped) = (new RatingMetrics(double.NaN, double.NaN, double.NaN, raw.Pairs), null);
        var space = recommender != null ? CandidateSpace.Of(recommender) : CandidateSpace.Of(ml, model, options, columns);
        return new RecommenderMetrics(raw, clipped, testTable.Count, unscored, Ranking(ml, space, testTable, k, options));
    }

    private static (RatingMetrics Raw, RatingMetrics? Clipped, int Unscored) RatingFigures(MLContext ml, IDataView scored, RecommenderEvaluationOptions options)
    {
        var label = scored.Schema.GetColumnOrNull(options.LabelColumnName)
            ?? throw new ArgumentException($"The scored test data has no label column '{options.LabelColumnName}'.");
        var score = scored.Schema.GetColumnOrNull(options.ScoreColumnName)
            ?? throw new ArgumentException($"The model wrote no score column '{options.ScoreColumnName}' for the test pairs.");
        if (score.Type != NumberDataViewType.Single)
            throw new ArgumentException($"The score column '{score.Name}' has type {score.Type}; pair scoring must give one Single per row.");
        var labels = new List<float>();
        var scores = new List<float>();
        int unscored = 0;
        using (var cursor = scored.GetRowCursor([label, score]))
        {
            var getLabel = DataViewRatings.NumericGetter(cursor, label);
            var getScore = cursor.GetGetter<float>(score);
            float s = 0;
            while (cursor.MoveNext())
            {
                getScore(ref s);
                if (float.IsNaN(s)) { unscored++; continue; }
                labels.Add((float)getLabel());
                scores.Add(s);
            }
        }
        if (labels.Count == 0)
            throw new InvalidOperationException($"None of the {unscored} test pairs could be scored: every user or item is unknown to the model.");
        var raw = Regression(ml, labels, scores);
        RatingMetrics? clipped = null;
        if (options.MinRating is { } min && options.MaxRating is { } max)
            clipped = Regression(ml, labels, scores.Select(v => Math.Clamp(v, min, max)).ToList());
        return (raw, clipped, unscored);
    }

    private static RatingMetrics Regression(MLContext ml, List<float> labels, List<float> scores)
    {
        var data = ml.Data.LoadFromEnumerable(labels.Select((l, j) => new LabelScoreRow { Label = l, Score = scores[j] }));
        var metrics = ml.Regression.Evaluate(data, nameof(LabelScoreRow.Label), nameof(LabelScoreRow.Score));
        return new RatingMetrics(metrics.RootMeanSquaredError, metrics.MeanAbsoluteError, metrics.RSquared, labels.Count);
    }

    private static TopKMetrics Ranking(MLContext ml, CandidateSpace space, RatingTable test, int k, RecommenderEvaluationOptions options)
    {
        int unknownUsers = 0, withoutRelevant = 0, notRanked = 0;
        var evaluated = new List<(int User, HashSet<int> Relevant)>();
        foreach (var group in Enumerable.Range(0, test.Count).GroupBy(r => test.UserIds[r]).OrderBy(g => g.Key))
        {
            int u = space.Rated.Users.IndexOf(group.Key);
            if (u < 0) { unknownUsers++; continue; }
            var relevant = new HashSet<int>();
            foreach (int r in group)
            {
                if (test.Ratings[r] < options.RelevanceThreshold) continue;
                int i = space.Rated.Items.IndexOf(test.ItemIds[r]);
                if (i < 0 || space.Rated.RowIndices(u).BinarySearch(i) >= 0) notRanked++;
                else relevant.Add(i);
            }
            if (relevant.Count == 0) withoutRelevant++;
            else evaluated.Add((u, relevant));
        }

        int items = space.Rated.ColumnCount;
        var accumulator = new TopKAccumulator(k, items);
        for (int start = 0; start < evaluated.Count; start += UsersPerBatch)
        {
            var batch = evaluated.Skip(start).Take(UsersPerBatch).ToArray();
            var scores = space.Score(batch.Select(b => b.User).ToArray());
            for (int b = 0; b < batch.Length; b++)
            {
                var rated = space.Rated.RowIndices(batch[b].User).ToArray();
                accumulator.Add(scores.AsSpan(b * items, items), i => Array.BinarySearch(rated, i) >= 0, batch[b].Relevant);
            }
        }
        var means = accumulator.Means();
        double mlNetNdcg = accumulator.Users == 0 ? 0 : MlNetNdcg(ml, accumulator.MlNetRows, accumulator.Users, k);
        return new TopKMetrics(k, accumulator.Users, unknownUsers, withoutRelevant, notRanked,
            means.Precision, means.Recall, means.Map, means.HitRate, means.Ndcg, mlNetNdcg, means.Coverage);
    }

    /// <summary>NDCG@k by <c>mlContext.Ranking.Evaluate</c> over (user key, 0/1 label, score) rows grouped by user.</summary>
    internal static double MlNetNdcg(MLContext ml, IReadOnlyList<(uint Group, float Label, float Score)> rows, int groups, int k)
    {
        var definition = SchemaDefinition.Create(typeof(RankingRow));
        definition[nameof(RankingRow.GroupId)].ColumnType = new KeyDataViewType(typeof(uint), groups);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new RankingRow { GroupId = r.Group, Label = r.Label, Score = r.Score }), definition);
        var metrics = ml.Ranking.Evaluate(data, new RankingEvaluatorOptions { DcgTruncationLevel = k },
            nameof(RankingRow.Label), nameof(RankingRow.GroupId), nameof(RankingRow.Score));
        return metrics.NormalizedDiscountedCumulativeGains[k - 1];
    }

    private sealed class LabelScoreRow
    {
        public float Label { get; set; }

        public float Score { get; set; }
    }

    private sealed class RankingRow
    {
        public uint GroupId { get; set; }

        public float Label { get; set; }

        public float Score { get; set; }
    }
}
