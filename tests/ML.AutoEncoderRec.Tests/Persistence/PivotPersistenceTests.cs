using Microsoft.ML;
using Microsoft.ML.Data;
using ML.AutoEncoderRec.Interop;
using ML.AutoEncoderRec.Persistence;

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

    /// <summary>
    /// A pivot saved in the first layout (vocabularies only, no training ratings) still loads: it pivots and saves again,
    /// and row-to-row scoring, which needs the training ratings, says what to do.
    /// </summary>
    [Fact]
    public void APivotOfTheVocabulariesOnlyLayoutLoadsPivotsAndExplainsWhyItCannotMapRows()
    {
        var ml = new MLContext(seed: 1);
        var data = Ratings(ml);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(new VocabulariesOnlyPivot(pivot), data.Schema, stream);

        stream.Position = 0;
        var loaded = LoadPivot(stream);
        Assert.Null(loaded.TrainRatings);
        Assert.False(loaded.IsRowToRowMapper);
        Assert.Equal(pivot.Users.Ids.ToArray(), loaded.Users.Ids.ToArray());
        AssertSameOutput(pivot.Pivot(data), loaded.Pivot(data));
        var error = Assert.Throws<InvalidOperationException>(() => loaded.Transform(data));
        Assert.Contains("saved by an earlier version of ML.AutoEncoderRec without its training ratings", error.Message);
        Assert.Contains("fit the pipeline again", error.Message);

        using var again = new MemoryStream();
        ml.Model.Save(loaded, data.Schema, again);
        again.Position = 0;
        AssertSameOutput(pivot.Pivot(data), LoadPivot(again).Pivot(data));
    }

    private static UserPivotTransformer LoadPivot(Stream stream)
    {
        var loaded = new MLContext(seed: 2).AutoEncoderRec().LoadModel(stream, out _);
        return loaded as UserPivotTransformer ?? ((IEnumerable<ITransformer>)loaded).OfType<UserPivotTransformer>().Single();
    }

    /// <summary>Writes a fitted pivot in layout 0x00010001: five column names, then the user and item vocabularies.</summary>
    private sealed class VocabulariesOnlyPivot(UserPivotTransformer pivot) : ITransformer
    {
        public bool IsRowToRowMapper => false;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => throw new NotSupportedException();

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

        public IDataView Transform(IDataView input) => throw new NotSupportedException();

        void ICanSaveModel.Save(ModelSaveContext ctx) => ModelSaveAccess.Save(ctx,
            new ModelVersion("AERPIVOT", 0x00010001, 0x00010001, 0x00010001, "AutoEncoderRec.UserPivot"), writer =>
            {
                var o = pivot.Options;
                foreach (var name in new[] { o.UserIdColumnName, o.ItemIdColumnName, o.RatingColumnName, o.OutputUserColumnName, o.OutputRatingsColumnName })
                    writer.Write(name);
                pivot.Users.Write(writer);
                pivot.Items.Write(writer);
            });
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
