using Microsoft.ML.Runtime;
using ML.AutoEncoderRec.Persistence;
using ML.AutoEncoderRec.Svd;

namespace ML.AutoEncoderRec;

/// <summary>
/// A fitted truncated-SVD recommender: predicted ratings are the rank-k reconstruction R_k = U_k Σ_k V_kᵀ of the
/// training matrix. Stores V_k and Σ_k; a user's row of U_k Σ_k is recomputed from their ratings as r_u V_k.
/// </summary>
/// <remarks>
/// Scores of a user with rating row r_u (0 = not rated): ŝ = (r_u − c_u) V_k V_kᵀ + c_u, where c_u is the mean of
/// the user's ratings under <see cref="SvdCentering.UserMean"/> (subtracted from the rated entries only) and 0
/// under <see cref="SvdCentering.None"/>. For a training user this is exactly their row of R_k (U_k Σ_k = A V_k);
/// for a new user it projects their ratings onto the same item subspace (fold-in); a user with no ratings scores 0
/// everywhere. Cost O(nnz_u · k + n · k).
/// </remarks>
[ModelLoader(LoaderSignature)]
public sealed class TruncatedSvdTransformer : RecommenderTransformer
{
    internal const string LoaderSignature = "AutoEncoderRec.Svd";

    private static readonly ModelVersion LayoutVersion = new("AERTRSVD", 0x00010001, 0x00010001, 0x00010001, LoaderSignature);

    private readonly double[] _singularValues;
    private readonly float[] _itemFactors;

    internal TruncatedSvdTransformer(RecommenderColumns columns, RatingMatrix trainRatings, SvdCentering centering,
        double[] singularValues, float[] itemFactors)
        : base(columns, trainRatings)
    {
        Centering = centering;
        _singularValues = singularValues;
        _itemFactors = itemFactors;
    }

    /// <inheritdoc />
    public override string EngineName => "svd";

    /// <summary>Number of singular values kept (k).</summary>
    public int Rank => _singularValues.Length;

    /// <summary>What was subtracted from the ratings before the decomposition.</summary>
    public SvdCentering Centering { get; }

    /// <summary>σ_1 ≥ … ≥ σ_k ≥ 0 of the (centred) training matrix; numerically null components are 0.</summary>
    public IReadOnlyList<double> SingularValues => _singularValues;

    /// <summary>
    /// V_k, items × <see cref="Rank"/>, row-major: the factors of the item at index i of <see cref="RecommenderTransformer.Items"/>
    /// are at [i · Rank, (i + 1) · Rank).
    /// </summary>
    public ReadOnlyMemory<float> ItemFactors => _itemFactors;

    /// <inheritdoc />
    public override TruncatedSvdDescription Describe() =>
        new(EngineName, Rank, Centering, Rank > 0 ? _singularValues[0] : null, Rank > 0 ? _singularValues[^1] : null);

    private protected override ModelVersion Version => LayoutVersion;

    private protected override void ScoreKnownUser(int userIndex, Span<float> scores) =>
        ScoreRatings(TrainRatings.RowIndices(userIndex), TrainRatings.RowValues(userIndex), scores);

    private protected override void ScoreRatings(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        int k = Rank;
        float offset = Centering == SvdCentering.UserMean ? SparseOperand.UserMean(ratings) : 0f;
        Span<double> projection = k <= 256 ? stackalloc double[k] : new double[k];
        projection.Clear();
        for (int j = 0; j < itemIndices.Length; j++)
        {
            double centred = ratings[j] - offset;
            var factors = _itemFactors.AsSpan(itemIndices[j] * k, k);
            for (int c = 0; c < k; c++) projection[c] += centred * factors[c];
        }
        for (int i = 0; i < scores.Length; i++)
        {
            var factors = _itemFactors.AsSpan(i * k, k);
            double score = offset;
            for (int c = 0; c < k; c++) score += factors[c] * projection[c];
            scores[i] = (float)score;
        }
    }

    private protected override void WriteParameters(BinaryWriter writer)
    {
        // Layout: centering (int32), rank k (int32), items n (int32), k singular values (double), n·k item factors (single).
        writer.Write((int)Centering);
        writer.Write(Rank);
        writer.Write(Items.Count);
        foreach (double s in _singularValues) writer.Write(s);
        foreach (float v in _itemFactors) writer.Write(v);
    }

    internal static TruncatedSvdTransformer Create(IHostEnvironment env, object context)
    {
        var (access, columns, train) = LoadCommon(context, LayoutVersion);
        var reader = access.Reader;
        int centering = reader.ReadInt32();
        if (!Enum.IsDefined((SvdCentering)centering)) throw new InvalidDataException($"Truncated SVD model: unknown centering {centering}.");
        int rank = reader.ReadInt32();
        if (rank < 1 || rank > Math.Min(train.RowCount, train.ColumnCount))
            throw new InvalidDataException($"Truncated SVD model: rank {rank} is not between 1 and min(users, items) = {Math.Min(train.RowCount, train.ColumnCount)}.");
        int items = reader.ReadInt32();
        if (items != train.ColumnCount)
            throw new InvalidDataException($"Truncated SVD model: {items} item factor rows, but the item vocabulary has {train.ColumnCount} items.");
        var singularValues = new double[rank];
        for (int c = 0; c < rank; c++)
        {
            singularValues[c] = reader.ReadDouble();
            if (!double.IsFinite(singularValues[c]) || singularValues[c] < 0)
                throw new InvalidDataException($"Truncated SVD model: singular value {c} is {singularValues[c]}; expected a finite number ≥ 0.");
            if (c > 0 && singularValues[c] > singularValues[c - 1])
                throw new InvalidDataException($"Truncated SVD model: singular values are not descending ({singularValues[c - 1]} then {singularValues[c]}).");
        }
        var factors = new float[(long)items * rank];
        for (long at = 0; at < factors.LongLength; at++)
        {
            factors[at] = reader.ReadSingle();
            if (!float.IsFinite(factors[at]))
                throw new InvalidDataException($"Truncated SVD model: item factor {at / rank}, {at % rank} is {factors[at]}.");
        }
        access.CheckFullyRead();
        return new TruncatedSvdTransformer(columns, train, (SvdCentering)centering, singularValues, factors);
    }
}
