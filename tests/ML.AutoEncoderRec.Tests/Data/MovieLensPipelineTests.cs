using Microsoft.ML;
using ML.AutoEncoderRec.Tests.Persistence;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Data;

/// <summary>The README's pipeline on the shipped file: LoadFromTextFile → pivot → Save → Load in a fresh context.</summary>
public class MovieLensPipelineTests
{
    [Fact]
    public void LoadsThePivotsAndRoundTripsTheShippedRatings()
    {
        var mlContext = new MLContext(seed: 0);
        IDataView ratings = mlContext.Data.LoadFromTextFile<RatingRow>(RepositoryFiles.MovieLensSmallRatings, separatorChar: ',', hasHeader: true);
        var model = mlContext.AutoEncoderRec().Transforms.PivotUsers().Fit(ratings);
        var users = model.Pivot(ratings);

        Assert.Equal(new PivotReport(InputRows: 100_836, Users: 610, UsersUnknownAtFit: 0, RatingsOfUnknownItems: 0), users.Report);
        Assert.Equal(9_724, users.Matrix.ColumnCount);
        Assert.Equal(100_836, users.Matrix.NonZeroCount);
        Assert.Equal(4.0f, users.Matrix.Get(users.Matrix.Users.IndexOf(1), users.Matrix.Items.IndexOf(1)));  // first line: 1,1,4.0

        string path = Path.Combine(Path.GetTempPath(), $"aerec-pivot-{Guid.NewGuid():N}.zip");
        try
        {
            mlContext.Model.Save(model, ratings.Schema, path);
            var fresh = new MLContext(seed: 0);
            var loaded = fresh.AutoEncoderRec().LoadModel(path, out var inputSchema);
            var loadedPivot = loaded as UserPivotTransformer ?? ((IEnumerable<ITransformer>)loaded).OfType<UserPivotTransformer>().Single();
            var again = loadedPivot.Pivot(fresh.Data.LoadFromTextFile<RatingRow>(RepositoryFiles.MovieLensSmallRatings, separatorChar: ',', hasHeader: true));
            PivotPersistenceTests.AssertSameOutput(users, again);
            Assert.Equal(users.Matrix.Values, loadedPivot.TrainRatings!.Values);
            Assert.Equal(4, inputSchema.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
