using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using ML.AutoEncoderRec.DataView;

namespace ML.AutoEncoderRec.Evaluation;

/// <summary>The work behind <see cref="RecommenderEvaluationCatalog.Evaluate"/>.</summary>
internal static class RecommenderEvaluator
{
    /// <summary>Largest k accepted (ML.NET's ranking evaluator truncates DCG at most at this level).</summary>
    public const int MaximumK = 100;

    private const int UsersPerBatch = 128;

    /// <summary>A held-out rating: user and item indices in the candidate space (−1: unknown), the user's original id, the rating.</summary>
    private readonly record struct HeldOutPair(int User, string UserId, int Item, float Rating);

    public static RecommenderMetrics Evaluate(MLContext ml, ITransformer model, IDataView test, int k, RecommenderEvaluationOptions options)
    {
        var recommender = ModelInspection.FindRecommenderOrNull(model);
        // The whole model scores the test rows when it maps rows to rows (its transforms, e.g. MapValueToKey, prepare them).
        var scorer = model.IsRowToRowMapper || recommender == null ? model : recommender;
        var scored = scorer.Transform(test);

        var (raw, clipped, unscored) = RatingFigures(ml, scored, options);
        if (recommender is { ProducesRatings: false })
            (raw, clipped) = (new RatingMetrics(double.NaN, double.NaN, double.NaN, raw.Pairs), null);
        CandidateSpace space;
        HeldOutPair[] pairs;
        if (recommender != null)
        {
            space = CandidateSpace.Of(recommender);
            pairs = PairsOf(scored, recommender, options);
        }
        else
        {
            var columns = new DataViewRatings.Columns(options.UserIdColumnName, options.ItemIdColumnName, options.LabelColumnName);
            var table = DataViewRatings.ReadTable(test, columns, "test data");
            space = CandidateSpace.Of(ml, model, options, columns);
            pairs = Enumerable.Range(0, table.Count).Select(r => new HeldOutPair(space.Rated.Users.IndexOf(table.UserIds[r]),
                table.UserIds[r].ToString(CultureInfo.InvariantCulture), space.Rated.Items.IndexOf(table.ItemIds[r]), table.Ratings[r])).ToArray();
        }
        return new RecommenderMetrics(raw, clipped, pairs.Length, unscored, Ranking(ml, space, pairs, k, options));
    }

    /// <summary>
    /// The held-out pairs as the model saw them: the recommender's user and item columns of the scored rows (after the
    /// pipeline's transforms: keys, the pivot's user key), looked up in its vocabularies, and the label.
    /// </summary>
    /// <exception cref="InvalidDataException">A label is not a finite number &gt; 0.</exception>
    private static HeldOutPair[] PairsOf(IDataView scored, RecommenderTransformer recommender, RecommenderEvaluationOptions options)
    {
        var schema = scored.Schema;
        var user = IdColumn.Of(schema.GetColumnOrNull(recommender.Columns.UserIdColumnName)
            ?? throw new ArgumentException($"The scored test data has no user id column '{recommender.Columns.UserIdColumnName}'."), "user id");
        var item = IdColumn.Of(schema.GetColumnOrNull(recommender.Columns.ItemIdColumnName)
            ?? throw new ArgumentException($"The scored test data has no item id column '{recommender.Columns.ItemIdColumnName}'."), "item id");
        var label = schema.GetColumnOrNull(options.LabelColumnName)
            ?? throw new ArgumentException($"The scored test data has no label column '{options.LabelColumnName}'.");
        // Unknown users are told apart by the earliest column of the user column's name: the raw ids, before a transform
        // (the user pivot maps every unknown user to key 0) replaced them.
        var identity = schema.First(c => c.Name == user.Column.Name);
        var pairs = new List<HeldOutPair>();
        using var cursor = scored.GetRowCursor([user.Column, item.Column, label, identity]);
        var userIndex = user.IndexGetter(cursor, recommender.Users);
        var userId = RawIdGetter(cursor, identity);
        var itemIndex = item.IndexGetter(cursor, recommender.Items);
        var rating = DataViewRatings.NumericGetter(cursor, label);
        while (cursor.MoveNext())
        {
            double r = rating();
            if (!double.IsFinite(r) || r <= 0)
                throw new InvalidDataException($"test data: row {cursor.Position + 1}: rating {r} in column '{label.Name}' must be a finite number > 0.");
            pairs.Add(new HeldOutPair(userIndex(), userId(), itemIndex(), (float)r));
        }
        return pairs.ToArray();
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

    /// <summary>A getter of the row's id in <paramref name="column"/> as text, whatever the column holds (text, a number, a key).</summary>
    private static Func<string> RawIdGetter(DataViewRow row, DataViewSchema.Column column)
    {
        if (column.Type is TextDataViewType)
        {
            var get = row.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> value = default;
            return () => { get(ref value); return value.ToString(); };
        }
        return IdColumn.Of(column, "user id").OriginalIdGetter(row);
    }

    private static TopKMetrics Ranking(MLContext ml, CandidateSpace space, HeldOutPair[] test, int k, RecommenderEvaluationOptions options)
    {
        int unknownUsers = test.Where(p => p.User < 0).Select(p => p.UserId).Distinct(StringComparer.Ordinal).Count();
        int withoutRelevant = 0, notRanked = 0;
        var evaluated = new List<(int User, HashSet<int> Relevant)>();
        foreach (var group in test.Where(p => p.User >= 0).GroupBy(p => p.User).OrderBy(g => g.Key))
        {
            int u = group.Key;
            var relevant = new HashSet<int>();
            foreach (var pair in group)
            {
                if (pair.Rating < options.RelevanceThreshold) continue;
                int i = pair.Item;
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
