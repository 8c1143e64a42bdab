using Microsoft.ML.Runtime;
using Microsoft.ML;
using ML.AutoEncoderRec.Factorization;
using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec;

/// <summary>
/// A fitted bias baseline (<see cref="BiasBaselineEstimator"/>): r̂(u, i) = μ + b_u + b_i. Pair rows with a user
/// or item unknown to the model score NaN.
/// </summary>
/// <remarks>Fold-in of a new user with n ratings on known items: b_u = Σ_j(r_j − μ − b_j) / (λ_u + n); no ratings: b_u = 0.</remarks>
[ModelLoader(LoaderSignature)]
public sealed class BiasBaselineTransformer : RecommenderTransformer
{
    internal const string LoaderSignature = "AutoEncoderRec.Bias";

    private static readonly ModelVersion ModelVersion = new("AERBIASB", 0x00010001, 0x00010001, 0x00010001, LoaderSignature);

    private readonly float[] _userBiases;
    private readonly float[] _itemBiases;

    internal BiasBaselineTransformer(RecommenderColumns columns, RatingMatrix trainRatings, float globalMean,
        float[] userBiases, float[] itemBiases, double userLambda) : base(columns, trainRatings)
    {
        GlobalMean = globalMean;
        _userBiases = userBiases;
        _itemBiases = itemBiases;
        UserLambda = userLambda;
    }

    /// <inheritdoc />
    public override string EngineName => "bias";

    /// <summary>μ: the mean training rating.</summary>
    public float GlobalMean { get; }

    /// <summary>The user shrinkage λ_u (used by fold-in).</summary>
    public double UserLambda { get; }

    /// <summary>b_u of each known user, in <see cref="RecommenderTransformer.Users"/> order.</summary>
    public IReadOnlyList<float> UserBiases => _userBiases;

    /// <summary>b_i of each known item, in <see cref="RecommenderTransformer.Items"/> order.</summary>
    public IReadOnlyList<float> ItemBiases => _itemBiases;

    /// <inheritdoc />
    public override BiasBaselineDescription Describe() => new(EngineName, GlobalMean, UserLambda);

    private protected override ModelVersion Version => ModelVersion;

    private protected override void ScoreKnownUser(int userIndex, Span<float> scores) => ScoreWith(_userBiases[userIndex], scores);

    private protected override void ScoreRatings(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        ScoreWith(new BiasOffsets(GlobalMean, _userBiases, _itemBiases, UserLambda).FoldInUserBias(itemIndices, ratings), scores);
    }

    private void ScoreWith(float userBias, Span<float> scores)
    {
        for (int i = 0; i < scores.Length; i++) scores[i] = GlobalMean + userBias + _itemBiases[i];
    }

    private protected override void WriteParameters(BinaryWriter writer)
    {
        // Layout: μ, λ_u, user biases, item biases (counts implied by the vocabularies).
        writer.Write(GlobalMean);
        writer.Write(UserLambda);
        foreach (float b in _userBiases) writer.Write(b);
        foreach (float b in _itemBiases) writer.Write(b);
    }

    internal static BiasBaselineTransformer Create(IHostEnvironment env, object context)
    {
        var (access, columns, train) = LoadCommon(context, ModelVersion);
        var reader = access.Reader;
        float mean = reader.ReadSingle();
        double userLambda = reader.ReadDouble();
        if (!float.IsFinite(mean)) throw new InvalidDataException($"Bias baseline: global mean {mean} is not finite.");
        if (!double.IsFinite(userLambda) || userLambda < 0) throw new InvalidDataException($"Bias baseline: user lambda {userLambda} is not a finite number ≥ 0.");
        var userBiases = ReadFinite(reader, train.RowCount, "user biases");
        var itemBiases = ReadFinite(reader, train.ColumnCount, "item biases");
        access.CheckFullyRead();
        return new BiasBaselineTransformer(columns, train, mean, userBiases, itemBiases, userLambda);
    }

    private static float[] ReadFinite(BinaryReader reader, int count, string what)
    {
        var values = new float[count];
        for (int j = 0; j < count; j++)
        {
            values[j] = reader.ReadSingle();
            if (!float.IsFinite(values[j])) throw new InvalidDataException($"Bias baseline: {what} hold the non-finite value {values[j]} at {j}.");
        }
        return values;
    }
}
