using Microsoft.ML.Runtime;
using Microsoft.ML;
using ML.AutoEncoderRec.Factorization;
using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec;

/// <summary>
/// A fitted matrix factorization (<see cref="MatrixFactorizationEstimator"/>): r̂(u, i) = μ + b_u + b_i + p_u·q_i,
/// or p_u·q_i without biases. Pair rows with a user or item unknown to the model score NaN. A one-class model
/// (<see cref="LossFunction"/>) scores p_u·q_i as a ranking, not a rating (<see cref="ProducesRatings"/> is false).
/// </summary>
/// <remarks>
/// Fold-in of a new user with ratings r_j on known items j (n of them) minimizes the training objective for one user with
/// the item side held fixed. Regression: x = [p; b_u] minimizes Σ_j (r_j − μ − b_j − b_u − p·q_j)² + nλ(|p|² + b_u²)
/// (each rating's update regularizes once, hence nλ); without biases x = p against r_j. (ZᵀZ + nλI)x = Zᵀy with rows
/// z_j = [q_j; 1] is solved by Cholesky (a 10⁻⁶ ridge keeps λ = 0 solvable), or with p ≥ 0 by projected coordinate
/// descent for non-negative models. One-class: p minimizes Σ_j (r_j − p·q_j)² + α Σ_{other items} (c − p·q_i)² + λ|p|²
/// by the training's coordinate descent from p = 0 (at most 1,000 sweeps). No ratings: p = 0, b_u = 0.
/// </remarks>
[ModelLoader(LoaderSignature)]
public sealed class MatrixFactorizationTransformer : RecommenderTransformer
{
    internal const string LoaderSignature = "AutoEncoderRec.MF";

    // 0x00010002: the loss, α, c and non-negativity after the history (older models: regression, unconstrained).
    private const uint LossVersion = 0x00010002;
    private static readonly ModelVersion ModelVersion = new("AERMFACT", LossVersion, LossVersion, 0x00010001, LoaderSignature);

    private const double MinimumRidge = 1e-6;
    private const int OneClassFoldInSweeps = 1_000;

    private readonly FactorizationParameters _model;
    private readonly Lazy<FixedFactors> _itemSide;

    internal MatrixFactorizationTransformer(RecommenderColumns columns, RatingMatrix trainRatings, FactorizationParameters model,
        IReadOnlyList<MatrixFactorizationIteration> history,
        MatrixFactorizationOptions.LossFunctionType loss = MatrixFactorizationOptions.LossFunctionType.SquareLossRegression,
        double alpha = MatrixFactorizationOptions.Defaults.Alpha, double c = MatrixFactorizationOptions.Defaults.C, bool nonNegative = false)
        : base(columns, trainRatings)
    {
        _model = model;
        History = history;
        LossFunction = loss;
        Alpha = alpha;
        C = c;
        NonNegative = nonNegative;
        _itemSide = new Lazy<FixedFactors>(() => new FixedFactors(_model.ItemFactors, _model.Rank), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public override string EngineName => "mf";

    /// <summary>Number of latent factors k.</summary>
    public int ApproximationRank => _model.Rank;

    /// <summary>Whether the model has the global mean and user/item biases.</summary>
    public bool UsesBiases => _model.UseBiases;

    /// <summary>The regularization λ the model was fitted with (also used by fold-in).</summary>
    public double Lambda => _model.Lambda;

    /// <summary>μ: the mean training rating (0 without biases).</summary>
    public float GlobalMean => _model.GlobalMean;

    /// <summary>p_u of each known user, row-major (user u's k factors at u·k), in <see cref="RecommenderTransformer.Users"/> order.</summary>
    public IReadOnlyList<float> UserFactors => _model.UserFactors;

    /// <summary>q_i of each known item, row-major (item i's k factors at i·k), in <see cref="RecommenderTransformer.Items"/> order.</summary>
    public IReadOnlyList<float> ItemFactors => _model.ItemFactors;

    /// <summary>Each pass's training and validation RMSE (over observed ratings), in order.</summary>
    public IReadOnlyList<MatrixFactorizationIteration> History { get; }

    /// <summary>The loss the model was fitted with.</summary>
    public MatrixFactorizationOptions.LossFunctionType LossFunction { get; }

    /// <summary>One-class models: the weight α of the unobserved entries (also used by fold-in).</summary>
    public double Alpha { get; }

    /// <summary>One-class models: the target c of the unobserved entries (also used by fold-in).</summary>
    public double C { get; }

    /// <summary>Whether the factors are constrained to be ≥ 0 (fold-in keeps a new user's too).</summary>
    public bool NonNegative { get; }

    /// <inheritdoc />
    public override bool ProducesRatings => LossFunction == MatrixFactorizationOptions.LossFunctionType.SquareLossRegression;

    /// <inheritdoc />
    public override MatrixFactorizationDescription Describe() => new(EngineName, ApproximationRank, UsesBiases, Lambda, History.Count,
        History.Count > 0 ? History[^1].TrainRmse : null, History.Count > 0 ? History[^1].ValidationRmse : null);

    private protected override ModelVersion Version => ModelVersion;

    private protected override void ScoreKnownUser(int userIndex, Span<float> scores) =>
        ScoreWith(_model.UserFactors.AsSpan(userIndex * _model.Rank, _model.Rank), _model.UserBiases[userIndex], scores);

    private protected override void ScoreRatings(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        int k = _model.Rank, d = k + (_model.UseBiases ? 1 : 0), n = itemIndices.Length;
        var userFactors = new float[k];
        float userBias = 0;
        if (n > 0 && !ProducesRatings)
        {
            var objective = new OneClassObjective(Alpha, C, Lambda, NonNegative);
            var dots = new double[n];
            var before = new float[k];
            for (int sweep = 0; sweep < OneClassFoldInSweeps; sweep++)
            {
                userFactors.CopyTo(before, 0);
                objective.Sweep(userFactors, itemIndices, ratings, _itemSide.Value, dots);
                bool moved = false;
                for (int f = 0; f < k; f++) moved |= Math.Abs(userFactors[f] - before[f]) > 1e-7f * (1 + Math.Abs(before[f]));
                if (!moved) break;
            }
        }
        else if (n > 0)
        {
            var a = new double[d * d];
            var b = new double[d];
            var z = new double[d];
            for (int j = 0; j < n; j++)
            {
                int i = itemIndices[j];
                var q = _model.ItemFactors.AsSpan(i * k, k);
                for (int f = 0; f < k; f++) z[f] = q[f];
                if (_model.UseBiases) z[k] = 1;
                double target = ratings[j] - _model.GlobalMean - _model.ItemBiases[i];
                for (int r = 0; r < d; r++)
                {
                    b[r] += z[r] * target;
                    for (int c = 0; c <= r; c++) a[r * d + c] += z[r] * z[c];
                }
            }
            double ridge = Math.Max(n * _model.Lambda, MinimumRidge);
            for (int r = 0; r < d; r++)
            {
                a[r * d + r] += ridge;
                for (int c = 0; c < r; c++) a[c * d + r] = a[r * d + c];
            }
            var x = NonNegative ? RidgeSolver.SolveNonNegative(a, b, nonNegativeCount: k) : RidgeSolver.Solve(a, b);
            for (int f = 0; f < k; f++) userFactors[f] = (float)x[f];
            if (_model.UseBiases) userBias = (float)x[k];
        }
        ScoreWith(userFactors, userBias, scores);
    }

    private void ScoreWith(ReadOnlySpan<float> userFactors, float userBias, Span<float> scores)
    {
        int k = _model.Rank;
        float offset = _model.GlobalMean + userBias;
        for (int i = 0; i < scores.Length; i++)
            scores[i] = offset + _model.ItemBiases[i] + SgdFactorizer.Dot(userFactors, _model.ItemFactors.AsSpan(i * k, k));
    }

    private protected override void WriteParameters(BinaryWriter writer)
    {
        // Layout: the parameters (FactorizationParameters.Write), the history (count; per pass: iteration, train RMSE,
        // has-validation flag, validation RMSE), then (0x00010002) loss (int), α, c, non-negative.
        _model.Write(writer);
        writer.Write(History.Count);
        foreach (var pass in History)
        {
            writer.Write(pass.Iteration);
            writer.Write(pass.TrainRmse);
            writer.Write(pass.ValidationRmse.HasValue);
            writer.Write(pass.ValidationRmse ?? 0);
        }
        writer.Write((int)LossFunction);
        writer.Write(Alpha);
        writer.Write(C);
        writer.Write(NonNegative);
    }

    internal static MatrixFactorizationTransformer Create(IHostEnvironment env, object context)
    {
        var (access, columns, train) = LoadCommon(context, ModelVersion);
        var reader = access.Reader;
        var model = FactorizationParameters.Read(reader, train.RowCount, train.ColumnCount);
        int count = reader.ReadInt32();
        if (count < 0 || count > 1_000_000) throw new InvalidDataException($"Matrix factorization: history length {count} is not valid.");
        var history = new MatrixFactorizationIteration[count];
        for (int j = 0; j < count; j++)
        {
            int iteration = reader.ReadInt32();
            double trainRmse = reader.ReadDouble();
            bool hasValidation = reader.ReadBoolean();
            double validation = reader.ReadDouble();
            if (iteration != j + 1 || double.IsNaN(trainRmse) || double.IsNaN(validation))
                throw new InvalidDataException($"Matrix factorization: history entry {j} (iteration {iteration}) is not valid.");
            history[j] = new MatrixFactorizationIteration(iteration, trainRmse, hasValidation ? validation : null);
        }
        var (loss, alpha, c, nonNegative) = (MatrixFactorizationOptions.LossFunctionType.SquareLossRegression, MatrixFactorizationOptions.Defaults.Alpha,
            MatrixFactorizationOptions.Defaults.C, false);
        if (access.VersionWritten >= LossVersion)
        {
            loss = (MatrixFactorizationOptions.LossFunctionType)reader.ReadInt32();
            alpha = reader.ReadDouble();
            c = reader.ReadDouble();
            nonNegative = reader.ReadBoolean();
            if (!Enum.IsDefined(loss) || !double.IsFinite(alpha) || alpha <= 0 || !double.IsFinite(c))
                throw new InvalidDataException($"Matrix factorization: loss {(int)loss}, alpha {alpha} or c {c} is not valid.");
            if (loss == MatrixFactorizationOptions.LossFunctionType.SquareLossOneClass && model.UseBiases)
                throw new InvalidDataException("Matrix factorization: a one-class model holds biases.");
        }
        access.CheckFullyRead();
        return new MatrixFactorizationTransformer(columns, train, model, history, loss, alpha, c, nonNegative);
    }
}
