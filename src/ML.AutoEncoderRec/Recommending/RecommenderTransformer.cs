using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.DataView;
using ML.AutoEncoderRec.Interop;
using ML.AutoEncoderRec.Persistence;
using ML.AutoEncoderRec.Recommending;

namespace ML.AutoEncoderRec;

/// <summary>
/// What every fitted engine (autoencoder, truncated SVD, matrix factorization, baselines) shares: the item and
/// user vocabularies and training ratings, scoring of pivoted rows and of (user, item) pairs, top-N
/// recommendation with rated items excluded, fold-in of new users, and saving into an ML.NET model.
/// </summary>
/// <remarks>
/// Input with the item id column is scored as (user, item) pairs: <c>Score</c> = the known user's predicted rating of
/// the item (the ranking score for a ranking-only engine, see <see cref="ProducesRatings"/>), NaN when the user or the
/// item is unknown to the model. Ids are integer-valued numbers or keys (<c>MapValueToKey</c>, the user pivot's key),
/// read as their <c>KeyValues</c>. This is how a chain <c>PivotUsers → engine</c> scores each rating row, so it works
/// with <c>Regression.Evaluate</c>, <c>PredictionEngine</c> and <c>CrossValidate</c>. Otherwise the rating-vector column
/// is scored: <c>Score</c> = the engine's reconstruction of that vector over all items (fold-in: the vector need not
/// belong to a known user). Scoring is thread-safe: several cursors may score at once.
/// </remarks>
public abstract class RecommenderTransformer : ITransformer
{
    private const int PairCacheUsers = 1024;

    private protected RecommenderTransformer(RecommenderColumns columns, RatingMatrix trainRatings)
    {
        Columns = columns;
        TrainRatings = trainRatings;
    }

    /// <summary>Column names read and written.</summary>
    public RecommenderColumns Columns { get; }

    /// <summary>The training ratings (users known to the model, and what each has rated).</summary>
    public RatingMatrix TrainRatings { get; }

    /// <summary>Users known to the model.</summary>
    public KeyIndex Users => TrainRatings.Users;

    /// <summary>Items known to the model: the positions of every score vector.</summary>
    public KeyIndex Items => TrainRatings.Items;

    /// <summary>Short engine name (e.g. "ae", "svd", "mf").</summary>
    public abstract string EngineName { get; }

    /// <summary>
    /// Whether scores are predicted ratings (true for every rating-regression engine). False for engines whose scores
    /// only rank items (e.g. a multinomial autoencoder's logits): rating metrics such as RMSE do not apply to them.
    /// </summary>
    /// <remarks>
    /// Such an engine still scores (user, item) rows, with its ranking score, so <c>mlContext.Ranking.Evaluate</c> takes a
    /// chain's output as it is (row group: the user pivot's key column). <c>mlContext.Regression.Evaluate</c> cannot be
    /// stopped from computing its figures on them, but they are not rating errors; <c>mlContext.AutoEncoderRec().Evaluate</c>
    /// reports its rating metrics as NaN.
    /// </remarks>
    public virtual bool ProducesRatings => true;

    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    /// <summary>
    /// The engine's settings and the training figures stored in the model (what <c>aerec serve</c> answers at
    /// <c>GET /model</c>); each engine returns its own <see cref="ModelDescription"/> record.
    /// </summary>
    public abstract ModelDescription Describe();

    /// <summary>Writes the scores of every item for the known user at row <paramref name="userIndex"/> of <see cref="TrainRatings"/>.</summary>
    private protected abstract void ScoreKnownUser(int userIndex, Span<float> scores);

    /// <summary>Writes the scores of every item for a user described only by ratings (item indices ascending).</summary>
    private protected abstract void ScoreRatings(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings, Span<float> scores);

    /// <summary>
    /// Scores of every item for each known user in <paramref name="userIndices"/>, row-major into
    /// <paramref name="scores"/> (length = users × items). Engines override this to batch.
    /// </summary>
    public virtual void ScoreKnownUsers(ReadOnlySpan<int> userIndices, Span<float> scores)
    {
        int items = Items.Count;
        for (int k = 0; k < userIndices.Length; k++) ScoreKnownUser(userIndices[k], scores.Slice(k * items, items));
    }

    /// <summary>Predicted scores of every item (in <see cref="Items"/> order) for a known user.</summary>
    /// <exception cref="KeyNotFoundException">The user is not known to the model (use <see cref="ScoreNewUser"/>).</exception>
    public float[] ScoreUser(int userId)
    {
        var scores = new float[Items.Count];
        ScoreKnownUser(RequireUser(userId), scores);
        return scores;
    }

    /// <summary>Predicted scores of every item for a user the model has not seen, from their ratings (fold-in).</summary>
    /// <param name="ratings">(item id, rating) pairs; ratings must be finite and &gt; 0; unknown items are ignored.</param>
    /// <param name="report">Which ratings were used and which item ids were unknown.</param>
    public float[] ScoreNewUser(IEnumerable<(int ItemId, float Rating)> ratings, out FoldInReport report)
    {
        var (indices, values) = FoldInVector(ratings, out report);
        var scores = new float[Items.Count];
        ScoreRatings(indices, values, scores);
        return scores;
    }

    /// <summary>The predicted rating of <paramref name="itemId"/> by <paramref name="userId"/>; NaN when either is unknown.</summary>
    public float Predict(int userId, int itemId)
    {
        int u = Users.IndexOf(userId), i = Items.IndexOf(itemId);
        if (u < 0 || i < 0) return float.NaN;
        var scores = new float[Items.Count];
        ScoreKnownUser(u, scores);
        return scores[i];
    }

    /// <summary>The <paramref name="top"/> highest-scored items for a known user.</summary>
    /// <param name="userId">Original user id.</param>
    /// <param name="top">How many items (≥ 1).</param>
    /// <param name="excludeRated">Leave out the items the user rated in training (the usual case).</param>
    /// <param name="titles">Item titles to attach, if any.</param>
    /// <exception cref="KeyNotFoundException">The user is not known to the model (use <see cref="RecommendForNewUser"/>).</exception>
    public IReadOnlyList<Recommendation> Recommend(int userId, int top, bool excludeRated = true, ItemTitles? titles = null)
    {
        CheckTop(top);
        int u = RequireUser(userId);
        var scores = new float[Items.Count];
        ScoreKnownUser(u, scores);
        var rated = excludeRated ? TrainRatings.RowIndices(u).ToArray() : [];
        return ToRecommendations(TopN.Select(scores, top, i => Array.BinarySearch(rated, i) >= 0), scores, titles);
    }

    /// <summary>The <paramref name="top"/> highest-scored items for the known user of original id <paramref name="userId"/> (a text id, or an integer's digits).</summary>
    /// <exception cref="KeyNotFoundException">The user is not known to the model.</exception>
    public IReadOnlyList<Recommendation> Recommend(string userId, int top, bool excludeRated = true, ItemTitles? titles = null)
    {
        ArgumentNullException.ThrowIfNull(userId);
        int u = Users.IndexOfOriginal(userId);
        if (u < 0) throw new KeyNotFoundException($"User '{userId}' is not known to the model; recommend for a new user from their ratings instead (fold-in).");
        return Recommend(Users[u], top, excludeRated, titles);
    }

    /// <summary>The <paramref name="top"/> highest-scored items not among <paramref name="ratings"/>, for a new user (fold-in, no retraining).</summary>
    public IReadOnlyList<Recommendation> RecommendForNewUser(IEnumerable<(int ItemId, float Rating)> ratings, int top,
        out FoldInReport report, ItemTitles? titles = null)
    {
        CheckTop(top);
        var (indices, values) = FoldInVector(ratings, out report);
        var scores = new float[Items.Count];
        ScoreRatings(indices, values, scores);
        return ToRecommendations(TopN.Select(scores, top, i => Array.BinarySearch(indices, i) >= 0), scores, titles);
    }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateMapper(inputSchema).OutputSchema;

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Called by <c>mlContext.Model.ConvertToOnnx</c> (use <see cref="AutoEncoderRecCatalog.ExportOnnx"/>).</exception>
    public IDataView Transform(IDataView input)
    {
        OnnxConversionGuard.ThrowIfConverting($"a {EngineName} model");
        return new AppendedColumnsDataView(input, CreateMapper(input.Schema));
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => CreateMapper(inputSchema);

    void ICanSaveModel.Save(ModelSaveContext ctx) => ModelSaveAccess.Save(ctx, Version,
        writer => { Columns.Write(writer); WriteParameters(writer); },
        [("TrainRatings.bin", TrainRatings.Write), .. IdTextsStreams(TrainRatings), .. SideStreams()]);

    /// <summary>The side stream holding the original texts of text ids (written only for models trained on them).</summary>
    internal const string IdTextsStream = "IdTexts.bin";

    /// <summary>The <see cref="IdTextsStream"/> entry of <paramref name="ratings"/>' vocabularies, when their ids are text.</summary>
    internal static (string Name, Action<BinaryWriter> Write)[] IdTextsStreams(RatingMatrix ratings) =>
        ratings.HasTextIds ? [(IdTextsStream, ratings.WriteIdTexts)] : [];

    /// <summary>The version stamp of the engine's model layout.</summary>
    private protected abstract ModelVersion Version { get; }

    /// <summary>Writes the engine's parameters into the main model stream (after the column names).</summary>
    private protected abstract void WriteParameters(BinaryWriter writer);

    /// <summary>Extra named streams (e.g. network weights) written next to the main stream.</summary>
    private protected virtual IEnumerable<(string Name, Action<BinaryWriter> Write)> SideStreams() => [];

    /// <summary>Reads what <see cref="ICanSaveModel.Save"/> wrote before the engine's parameters; the reader is left at them.</summary>
    private protected static (ModelLoadAccess Access, RecommenderColumns Columns, RatingMatrix TrainRatings) LoadCommon(object context, ModelVersion version)
    {
        var access = new ModelLoadAccess(context, version);
        var columns = RecommenderColumns.Read(access.Reader);
        var train = access.ReadSideStream("TrainRatings.bin", r => RatingMatrix.Read(r, "training ratings"));
        if (access.HasSideStream(IdTextsStream)) train = access.ReadSideStream(IdTextsStream, r => train.ReadIdTexts(r, "training ratings"));
        return (access, columns, train);
    }

    private int RequireUser(int userId)
    {
        int u = Users.IndexOf(userId);
        if (u < 0) throw new KeyNotFoundException($"User {userId} is not known to the model; recommend for a new user from their ratings instead (fold-in).");
        return u;
    }

    private static void CheckTop(int top)
    {
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "The number of recommendations must be at least 1.");
    }

    private (int[] Indices, float[] Values) FoldInVector(IEnumerable<(int ItemId, float Rating)> ratings, out FoldInReport report)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var known = new SortedDictionary<int, float>();
        var unknown = new List<int>();
        foreach (var (itemId, rating) in ratings)
        {
            if (!float.IsFinite(rating) || rating <= 0)
                throw new ArgumentException($"Rating {rating} of item {itemId} must be a finite number > 0.", nameof(ratings));
            int i = Items.IndexOf(itemId);
            if (i < 0) unknown.Add(itemId);
            else if (!known.TryAdd(i, rating)) throw new ArgumentException($"Item {itemId} is rated twice.", nameof(ratings));
        }
        report = new FoldInReport(known.Count, unknown);
        return (known.Keys.ToArray(), known.Values.ToArray());
    }

    private IReadOnlyList<Recommendation> ToRecommendations(int[] best, float[] scores, ItemTitles? titles) =>
        best.Select(i => new Recommendation(Items[i], scores[i], titles != null && titles.TryGetTitle(Items[i], out var t) ? t : null)
        {
            OriginalItemId = Items.OriginalId(i),
        }).ToArray();

    private AppendedColumnsMapper CreateMapper(DataViewSchema inputSchema)
    {
        var itemColumn = inputSchema.GetColumnOrNull(Columns.ItemIdColumnName);
        if (itemColumn is { } item)
        {
            var userColumn = inputSchema.GetColumnOrNull(Columns.UserIdColumnName)
                ?? throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Pair input has item column '{item.Name}' but no user id column '{Columns.UserIdColumnName}'.");
            var user = IdColumn.Of(userColumn, "user id");
            var itemIds = IdColumn.Of(item, "item id");
            return new AppendedColumnsMapper(inputSchema, [userColumn.Index, item.Index],
                new OutputColumn(Columns.ScoreColumnName, NumberDataViewType.Single, row => PairScoreGetter(row, user, itemIds)));
        }
        var ratings = inputSchema.GetColumnOrNull(Columns.RatingsColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"The input has neither a rating-vector column '{Columns.RatingsColumnName}' nor an item id column '{Columns.ItemIdColumnName}'.");
        if (ratings.Type is not VectorDataViewType { ItemType: NumberDataViewType { RawType: var raw } } vector || raw != typeof(float) || vector.Size != Items.Count)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Column '{ratings.Name}' has type {ratings.Type}; expected a vector of {Items.Count} Single ratings (one per item known to the model).");
        return new AppendedColumnsMapper(inputSchema, [ratings.Index],
            new OutputColumn(Columns.ScoreColumnName, new VectorDataViewType(NumberDataViewType.Single, Items.Count),
                row => VectorScoreGetter(row, ratings)));
    }

    private ValueGetter<VBuffer<float>> VectorScoreGetter(DataViewRow row, DataViewSchema.Column ratingsColumn)
    {
        var getRatings = row.GetGetter<VBuffer<float>>(ratingsColumn);
        VBuffer<float> input = default;
        var indices = new List<int>();
        var values = new List<float>();
        return (ref VBuffer<float> output) =>
        {
            getRatings(ref input);
            indices.Clear();
            values.Clear();
            foreach (var (i, v) in input.Items())
                if (v != 0)
                {
                    if (!float.IsFinite(v) || v < 0)
                        throw new InvalidDataException($"Row {row.Position}: rating {v} at slot {i} is not a finite number ≥ 0.");
                    indices.Add(i);
                    values.Add(v);
                }
            var editor = VBufferEditor.Create(ref output, Items.Count);
            ScoreRatings(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(indices),
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values), editor.Values);
            output = editor.Commit();
        };
    }

    private ValueGetter<float> PairScoreGetter(DataViewRow row, IdColumn userColumn, IdColumn itemColumn)
    {
        var getUser = userColumn.IndexGetter(row, Users);
        var getItem = itemColumn.IndexGetter(row, Items);
        var cache = new Dictionary<int, float[]>();
        return (ref float score) =>
        {
            int u = getUser(), i = getItem();
            if (u < 0 || i < 0) { score = float.NaN; return; }
            if (!cache.TryGetValue(u, out var scores))
            {
                if (cache.Count >= PairCacheUsers) cache.Clear();
                scores = new float[Items.Count];
                ScoreKnownUser(u, scores);
                cache[u] = scores;
            }
            score = scores[i];
        };
    }
}
