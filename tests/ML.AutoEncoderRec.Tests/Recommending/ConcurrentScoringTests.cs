using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.Tests.Persistence.Damage;

namespace ML.AutoEncoderRec.Tests.Recommending;

/// <summary>
/// One fitted recommender of each engine used from 8 threads at once gives exactly the serial results: user scores,
/// top-N for known and new users, and Transform read through parallel cursors (a cursor set over a cached view,
/// which splits the rows, and 8 independent cursors driven at once).
/// </summary>
public sealed class ConcurrentScoringTests
{
    private const int Threads = 8;

    public static TheoryData<string> Engines() => new(SavedModels.Engines);

    [Theory]
    [MemberData(nameof(Engines))]
    public void ScoringAndRecommendingFrom8ThreadsEqualsSerial(string engine)
    {
        var recommender = SavedModels.Recommender(SavedModels.Fit(engine).Model);
        var users = recommender.Users.Ids.ToArray();
        var newUser = new[] { (recommender.Items[0], 4f), (recommender.Items[3], 2f) };
        var serialScores = users.Select(recommender.ScoreUser).ToArray();
        var serialTop = users.Select(u => recommender.Recommend(u, 5)).ToArray();
        var serialNew = recommender.RecommendForNewUser(newUser, 5, out _);

        var scores = new float[users.Length * Threads][];
        var tops = new IReadOnlyList<Recommendation>[users.Length * Threads];
        var news = new IReadOnlyList<Recommendation>[users.Length * Threads];
        Parallel.For(0, users.Length * Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, k =>
        {
            int u = k % users.Length;
            scores[k] = recommender.ScoreUser(users[u]);
            tops[k] = recommender.Recommend(users[u], 5);
            news[k] = recommender.RecommendForNewUser(newUser, 5, out _);
        });
        for (int k = 0; k < scores.Length; k++)
        {
            Assert.Equal(serialScores[k % users.Length], scores[k]);
            Assert.Equal(serialTop[k % users.Length], tops[k]);
            Assert.Equal(serialNew, news[k]);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void TransformThroughParallelCursorsEqualsSerial(string engine)
    {
        var ml = new MLContext(seed: 1);
        var recommender = SavedModels.Recommender(SavedModels.Fit(engine).Model);
        var rows = Enumerable.Range(0, 20).SelectMany(_ => SavedModels.Rows()).ToArray();
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        var scored = recommender.Transform(data);
        var columns = new[] { scored.Schema["UserId"], scored.Schema["ItemId"], scored.Schema["Score"] };
        var serial = Drain(scored.GetRowCursor(columns), columns);
        Assert.Equal(rows.Length, serial.Length);

        var set = scored.GetRowCursorSet(columns, Threads);
        Assert.True(set.Length > 1, $"the cached view split into {set.Length} cursor(s)");
        var parts = new (double, double, float)[set.Length][];
        Parallel.For(0, set.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, c => parts[c] = Drain(set[c], columns));
        Assert.Equal(serial, parts.SelectMany(p => p).Order().ToArray());

        var independent = new (double, double, float)[Threads][];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads },
            t => independent[t] = Drain(scored.GetRowCursor(columns), columns));
        Assert.All(independent, values => Assert.Equal(serial, values));
    }

    /// <summary>Every (user, item, score) the cursor yields, sorted.</summary>
    private static (double User, double Item, float Score)[] Drain(DataViewRowCursor cursor, DataViewSchema.Column[] columns)
    {
        using (cursor)
        {
            var user = DataViewRatings.NumericGetter(cursor, columns[0]);
            var item = DataViewRatings.NumericGetter(cursor, columns[1]);
            var score = cursor.GetGetter<float>(columns[2]);
            var result = new List<(double, double, float)>();
            float value = 0;
            while (cursor.MoveNext())
            {
                score(ref value);
                result.Add((user(), item(), value));
            }
            return result.Order().ToArray();
        }
    }
}
