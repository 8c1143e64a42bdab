using Microsoft.ML;
using ML.AutoEncoderRec.Recommending;

namespace ML.AutoEncoderRec.Evaluation;

/// <summary>
/// What the ranking metrics rank over: the users and items a model knows, what each user rated in training, and
/// how to get every item's score for a batch of users.
/// </summary>
internal sealed class CandidateSpace
{
    private readonly Func<int[], float[]> _score;

    private CandidateSpace(RatingMatrix rated, Func<int[], float[]> score)
    {
        Rated = rated;
        _score = score;
    }

    /// <summary>Training ratings over the model's user and item vocabularies.</summary>
    public RatingMatrix Rated { get; }

    /// <summary>Scores of every item for each user index, row-major (users × items).</summary>
    public float[] Score(int[] users) => _score(users);

    /// <summary>The fast path: the recommender's own vocabularies and batch scoring.</summary>
    public static CandidateSpace Of(RecommenderTransformer recommender) => new(recommender.TrainRatings, users =>
    {
        var scores = new float[users.Length * recommender.Items.Count];
        recommender.ScoreKnownUsers(users, scores);
        return scores;
    });

    /// <summary>
    /// Any model that scores (user, item) rows: vocabularies from <see cref="RecommenderEvaluationOptions.TrainingData"/>,
    /// and every (user, item) pair of a batch scored through <c>Transform</c> as rows of <see cref="RatingRow"/> shape
    /// (renamed to the configured column names).
    /// </summary>
    public static CandidateSpace Of(MLContext ml, ITransformer model, RecommenderEvaluationOptions options, DataViewRatings.Columns columns)
    {
        var training = options.TrainingData ?? throw new ArgumentException(
            "The model holds no ML.AutoEncoderRec recommender, so the ranking metrics need the training rows: set RecommenderEvaluationOptions.TrainingData.");
        var rated = RatingMatrix.FromTable(DataViewRatings.ReadTable(training, columns, "training data"), null, null, out _);
        return new CandidateSpace(rated, users =>
        {
            int items = rated.ColumnCount;
            var pairs = users.SelectMany(u => Enumerable.Range(0, items).Select(i => new RatingRow { UserId = rated.Users[u], ItemId = rated.Items[i], Rating = 1 }));
            IDataView data = ml.Data.LoadFromEnumerable(pairs);
            data = Rename(ml, data, (nameof(RatingRow.UserId), options.UserIdColumnName), (nameof(RatingRow.ItemId), options.ItemIdColumnName),
                (nameof(RatingRow.Rating), options.LabelColumnName));
            var scored = model.Transform(data);
            var scoreColumn = scored.Schema.GetColumnOrNull(options.ScoreColumnName)
                ?? throw new ArgumentException($"The model wrote no score column '{options.ScoreColumnName}'.");
            var scores = new float[users.Length * items];
            using var cursor = scored.GetRowCursor([scoreColumn]);
            var get = cursor.GetGetter<float>(scoreColumn);
            int at = 0;
            while (cursor.MoveNext()) get(ref scores[at++]);
            if (at != scores.Length) throw new InvalidOperationException($"The model returned {at} scores for {scores.Length} candidate pairs.");
            return scores;
        });
    }

    private static IDataView Rename(MLContext ml, IDataView data, params (string From, string To)[] names)
    {
        foreach (var (from, to) in names)
            if (from != to) data = ml.Transforms.CopyColumns(to, from).Fit(data).Transform(data);
        return data;
    }
}
