using System.Buffers.Binary;
using ML.AutoEncoderRec.Cli;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Persistence.Damage;

/// <summary>
/// Damaged, tampered and foreign model files of every engine fail at load with an <see cref="InvalidDataException"/>
/// naming the cause, never with a crash or a silently different model. The files are real saved models rewritten
/// entry by entry.
/// </summary>
public sealed class DamagedModelTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private const string Prefix = "Model stream is damaged or not an ML.AutoEncoderRec model: ";

    public static TheoryData<string> Engines() => new(SavedModels.Engines);

    private static readonly Dictionary<string, (Microsoft.ML.ITransformer Model, byte[] Zip)> Saved = new();

    private static (Microsoft.ML.ITransformer Model, byte[] Zip) Get(string engine)
    {
        lock (Saved)
        {
            if (!Saved.TryGetValue(engine, out var saved)) Saved[engine] = saved = SavedModels.Fit(engine);
            return saved;
        }
    }

    private static InvalidDataException AssertDamaged(byte[] zip)
    {
        var error = Assert.Throws<InvalidDataException>(() => SavedModels.Load(zip));
        Assert.StartsWith(Prefix, error.Message);
        Assert.NotNull(error.InnerException);
        return error;
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void TheIntactFileLoadsWithIdenticalScores(string engine)
    {
        var (model, zip) = Get(engine);
        Assert.Equal(SavedModels.Scores(model), SavedModels.Scores(SavedModels.Load(zip)));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void ATruncatedFileIsReportedAsDamaged(string engine)
    {
        var zip = Get(engine).Zip;
        foreach (int length in new[] { 0, 22, zip.Length / 2, zip.Length - 1 })
            AssertDamaged(zip[..length]);
    }

    /// <summary>
    /// Flipping random bytes of the zip: the zip CRC, the zip structure or the SHA-256 digests catch every flip that
    /// reaches content; a flip in metadata the readers ignore (a timestamp, the "made by" field) leaves the model
    /// intact, which the test checks by comparing scores. Either way: no other exception type, no crash.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public void RandomByteFlipsFailCleanlyOrLeaveTheModelIntact(string engine)
    {
        var (model, zip) = Get(engine);
        var expected = SavedModels.Scores(model);
        // A fixed seed per engine (string.GetHashCode is randomized per process, which made the flips differ per run).
        var random = new Random(engine.Sum(c => c));
        int detected = 0;
        const int trials = 40;
        for (int t = 0; t < trials; t++)
        {
            var damaged = (byte[])zip.Clone();
            int at = random.Next(damaged.Length);
            damaged[at] ^= (byte)(1 << random.Next(8));
            Microsoft.ML.ITransformer loaded;
            try { loaded = SavedModels.Load(damaged); }
            catch (InvalidDataException e)
            {
                Assert.StartsWith(Prefix, e.Message);
                detected++;
                continue;
            }
            Assert.Equal(expected, SavedModels.Scores(loaded));
        }
        Assert.True(detected > trials / 2, $"only {detected} of {trials} flips were detected");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void AChangedFiniteRatingInAReZippedEntryFailsTheDigest(string engine)
    {
        var zip = Get(engine).Zip;
        string dir = ModelZip.ComponentOf(zip, "TrainRatings.bin");
        var bytes = ModelZip.Read(zip, dir + "TrainRatings.bin");
        float last = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(^4));
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(^4), last == 3 ? 4 : 3);
        var error = AssertDamaged(ModelZip.Replace(zip, dir + "TrainRatings.bin", bytes));
        Assert.Contains("'TrainRatings.bin' content fails its SHA-256 check", error.Message);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void AChangedByteOfTheMainStreamFailsTheDigest(string engine)
    {
        var zip = Get(engine).Zip;
        string dir = ModelZip.ComponentOf(zip, "TrainRatings.bin");
        var error = AssertDamaged(ModelZip.EditMainPayload(zip, dir, p => p[^1] ^= 1, resign: false));
        Assert.Contains("'(main)' content fails its SHA-256 check", error.Message);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void AMissingEntryIsNamed(string engine)
    {
        var zip = Get(engine).Zip;
        string dir = ModelZip.ComponentOf(zip, "TrainRatings.bin");
        var error = AssertDamaged(ModelZip.Replace(zip, dir + "TrainRatings.bin", null));
        Assert.Contains("no 'TrainRatings.bin' entry", error.Message);
        AssertDamaged(ModelZip.Replace(zip, dir + "Model.key", null));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void ANewerLayoutVersionIsRefused(string engine)
    {
        var zip = Get(engine).Zip;
        string dir = ModelZip.ComponentOf(zip, "TrainRatings.bin");
        var key = ModelZip.Read(zip, dir + "Model.key");
        BinaryPrimitives.WriteUInt32LittleEndian(key.AsSpan(72), 0x00090001);   // ModelVerWritten
        BinaryPrimitives.WriteUInt32LittleEndian(key.AsSpan(76), 0x00090001);   // ModelVerReadable
        var error = AssertDamaged(ModelZip.Replace(zip, dir + "Model.key", key));
        Assert.Contains("version", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A forger who re-signs the digest still meets the loaders' validation: an item index past the vocabulary.</summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public void AReSignedOutOfRangeItemIndexIsRejected(string engine)
    {
        var zip = Get(engine).Zip;
        string dir = ModelZip.ComponentOf(zip, "TrainRatings.bin");
        var bytes = ModelZip.Read(zip, dir + "TrainRatings.bin");
        var layout = TrainRatingsLayout.Of(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(layout.ColumnsOffset), 1_000_000);
        var error = AssertDamaged(ModelZip.ReplaceSigned(zip, dir, "TrainRatings.bin", bytes));
        Assert.Contains("item index 1000000 of row 0 is out of range", error.Message);
    }

    /// <summary>A re-signed item vocabulary one item longer than the engine's parameters.</summary>
    [Theory]
    [InlineData("ae")]
    [InlineData("svd")]
    [InlineData("mf")]
    [InlineData("bias")]
    public void AReSignedItemVocabularyThatDisagreesWithTheParametersIsRejected(string engine)
    {
        var zip = Get(engine).Zip;
        string dir = ModelZip.ComponentOf(zip, "TrainRatings.bin");
        var bytes = ModelZip.Read(zip, dir + "TrainRatings.bin");
        var error = AssertDamaged(ModelZip.ReplaceSigned(zip, dir, "TrainRatings.bin", TrainRatingsLayout.WithExtraItem(bytes)));
        Assert.Matches("item|vocabulary", error.Message);
    }

    [Fact]
    public void ReSignedAutoEncoderWeightsWithNaNWrongShapeOrCutShortAreRejected()
    {
        var zip = Get("ae").Zip;
        string dir = ModelZip.ComponentOf(zip, "Weights.bin");
        var weights = ModelZip.Read(zip, dir + "Weights.bin");
        var (shapeOffset, valuesOffset) = FirstParameter(weights);

        var nan = (byte[])weights.Clone();
        BinaryPrimitives.WriteSingleLittleEndian(nan.AsSpan(valuesOffset), float.NaN);
        Assert.Contains("holds the non-finite value NaN", AssertDamaged(ModelZip.ReplaceSigned(zip, dir, "Weights.bin", nan)).Message);

        var shape = (byte[])weights.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(shape.AsSpan(shapeOffset), 5);
        Assert.Contains("has shape [5,", AssertDamaged(ModelZip.ReplaceSigned(zip, dir, "Weights.bin", shape)).Message);

        Assert.Contains("cut short", AssertDamaged(ModelZip.ReplaceSigned(zip, dir, "Weights.bin", weights[..^10])).Message);
        Assert.Contains("bytes after its content", AssertDamaged(ModelZip.ReplaceSigned(zip, dir, "Weights.bin", [.. weights, 0, 0])).Message);
    }

    [Theory]
    [InlineData("ae")]
    [InlineData("svd")]
    public void AChangedPivotInTheChainFailsTheDigest(string engine)
    {
        var zip = Get(engine).Zip;
        string pivot = ModelZip.EntryNames(zip).Single(n => n.EndsWith("Transform_000/Model.key", StringComparison.Ordinal))[..^"Model.key".Length];
        var error = AssertDamaged(ModelZip.EditMainPayload(zip, pivot, p => p[^1] ^= 1, resign: false));
        Assert.Contains("'(main)' content fails its SHA-256 check", error.Message);
    }

    [Fact]
    public void TheCliReportsADamagedModelFileAsBadInputNamingTheFile()
    {
        var zip = Get("mf").Zip;
        string path = temp.WriteBytes(zip[..(zip.Length / 2)], ".zip");
        var error = new StringWriter();
        int code = CommandLine.Run(["recommend", "--model", path, "--user", "1"], TextWriter.Null, error);
        Assert.Equal(CommandLine.BadInput, code);
        Assert.StartsWith($"aerec: Model file '{path}' is damaged or not an ML.AutoEncoderRec model: ", error.ToString());
    }

    /// <summary>Offsets of the first dimension and the first value of the first parameter in Weights.bin (int count; string name; int rank; long dims; floats).</summary>
    private static (int ShapeOffset, int ValuesOffset) FirstParameter(byte[] weights)
    {
        using var reader = new BinaryReader(new MemoryStream(weights));
        reader.ReadInt32();
        reader.ReadString();
        int rank = reader.ReadInt32();
        int shapeOffset = (int)reader.BaseStream.Position;
        return (shapeOffset, shapeOffset + 8 * rank);
    }
}
