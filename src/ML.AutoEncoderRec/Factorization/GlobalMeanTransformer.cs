using Microsoft.ML.Runtime;
using Microsoft.ML;
using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec;

/// <summary>
/// A fitted global-mean baseline (<see cref="GlobalMeanEstimator"/>): every item scores μ for every user, known
/// or folded in. Pair rows with a user or item unknown to the model score NaN (as for every engine).
/// </summary>
[ModelLoader(LoaderSignature)]
public sealed class GlobalMeanTransformer : RecommenderTransformer
{
    internal const string LoaderSignature = "AutoEncoderRec.Mean";

    private static readonly ModelVersion ModelVersion = new("AERMEANB", 0x00010001, 0x00010001, 0x00010001, LoaderSignature);

    internal GlobalMeanTransformer(RecommenderColumns columns, RatingMatrix trainRatings, float globalMean) : base(columns, trainRatings)
    {
        GlobalMean = globalMean;
    }

    /// <inheritdoc />
    public override string EngineName => "mean";

    /// <summary>μ: the mean training rating.</summary>
    public float GlobalMean { get; }

    /// <inheritdoc />
    public override GlobalMeanDescription Describe() => new(EngineName, GlobalMean);

    private protected override ModelVersion Version => ModelVersion;

    private protected override void ScoreKnownUser(int userIndex, Span<float> scores) => scores.Fill(GlobalMean);

    private protected override void ScoreRatings(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings, Span<float> scores) => scores.Fill(GlobalMean);

    private protected override void WriteParameters(BinaryWriter writer) => writer.Write(GlobalMean);

    internal static GlobalMeanTransformer Create(IHostEnvironment env, object context)
    {
        var (access, columns, train) = LoadCommon(context, ModelVersion);
        float mean = access.Reader.ReadSingle();
        if (!float.IsFinite(mean)) throw new InvalidDataException($"Global mean baseline: mean {mean} is not finite.");
        access.CheckFullyRead();
        return new GlobalMeanTransformer(columns, train, mean);
    }
}
