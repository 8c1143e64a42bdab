using Microsoft.ML;
using Microsoft.ML.Data;

namespace ML.AutoEncoderRec.Tests.Persistence;

/// <summary>Round trips through <c>mlContext.Model.Save/Load</c>: the tests of the internal-plumbing access.</summary>
public class PivotPersistenceTests
{
    private static IDataView Ratings(MLContext ml) => ml.Data.LoadFromEnumerable(new RatingRow[]
    {
        new() { UserId = 1, ItemId = 5, Rating = 4 },
        new() { UserId = 2, ItemId = 5, Rating = 3 },
        new() { UserId = 2, ItemId = 9, Rating = 1 },
        new() { UserId = 4, ItemId = 7, Rating = 2.5f },
    });

    [Fact]
    public void APipelineHoldingThePivotRoundTripsToAFreshContextWithIdenticalOutput()
    {
        var ml = new MLContext(seed: 1);
        var data = Ratings(ml);
        var model = ml.AutoEncoderRec().Transforms.PivotUsers().Append(ml.Transforms.CopyColumns("Copy", "Ratings")).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);

        var fresh = new MLContext(seed: 2);
        stream.Position = 0;
        var loaded = fresh.AutoEncoderRec().LoadModel(stream, out var inputSchema);

        Assert.Equal(data.Schema.Select(c => c.Name), inputSchema.Select(c => c.Name));
        AssertSameOutput(model.Transform(data), loaded.Transform(Ratings(fresh)));
    }

    [Fact]
    public void PlainModelLoadWorksAfterTheRegistrationCall()
    {
        var ml = new MLContext(seed: 1);
        var data = Ratings(ml);
        var model = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);

        var fresh = new MLContext(seed: 2);
        fresh.AutoEncoderRec();
        stream.Position = 0;
        var loaded = fresh.Model.Load(stream, out _);
        AssertSameOutput(model.Transform(data), loaded.Transform(Ratings(fresh)));
    }

    /// <summary>
    /// ML.NET looks loaders up in the context's own catalog and its message cannot be changed from outside:
    /// this pins the message the README tells users to recognise ("call mlContext.AutoEncoderRec() first").
    /// </summary>
    [Fact]
    public void LoadingWithoutRegistrationFailsWithMlNetsCouldNotLoadMessage()
    {
        var ml = new MLContext(seed: 1);
        var data = Ratings(ml);
        var model = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);

        stream.Position = 0;
        var error = Assert.Throws<FormatException>(() => new MLContext(seed: 2).Model.Load(stream, out _));
        Assert.StartsWith("Couldn't load model", error.Message);
    }

    internal static void AssertSameOutput(IDataView expected, IDataView actual)
    {
        Assert.Equal(expected.Schema.Select(c => (c.Name, c.Type.ToString())), actual.Schema.Select(c => (c.Name, c.Type.ToString())));
        Assert.Equal(expected.GetColumn<uint>("UserId").ToArray(), actual.GetColumn<uint>("UserId").ToArray());
        var e = expected.GetColumn<VBuffer<float>>("Ratings").Select(v => v.DenseValues().ToArray()).ToArray();
        var a = actual.GetColumn<VBuffer<float>>("Ratings").Select(v => v.DenseValues().ToArray()).ToArray();
        Assert.Equal(e, a);
    }
}
