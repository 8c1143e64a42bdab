using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec.Tests.Data.Pivot;

public class UserPivotTests
{
    // Users 7 and 3; items 10, 20, 30. Known pivot (rows by ascending user id, slots by ascending item id):
    //   user 3: [0, 2, 0]      user 7: [5, 0, 1.5]
    private static readonly RatingRow[] Train =
    [
        new() { UserId = 7, ItemId = 10, Rating = 5 },
        new() { UserId = 3, ItemId = 20, Rating = 2 },
        new() { UserId = 7, ItemId = 30, Rating = 1.5f },
    ];

    [Fact]
    public void PivotsRatingsIntoOneSparseVectorPerUser()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Train);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(data);
        var output = pivot.Pivot(data);

        Assert.Equal(2, output.GetRowCount());
        var keys = output.GetColumn<uint>("UserId").ToArray();
        var vectors = output.GetColumn<VBuffer<float>>("Ratings").Select(v => v.DenseValues().ToArray()).ToArray();
        Assert.Equal(new uint[] { 1, 2 }, keys);
        Assert.Equal(new float[] { 0, 2, 0 }, vectors[0]);
        Assert.Equal(new float[] { 5, 0, 1.5f }, vectors[1]);

        VBuffer<int> userIds = default;
        output.Schema["UserId"].Annotations.GetValue("KeyValues", ref userIds);
        Assert.Equal(new[] { 3, 7 }, userIds.DenseValues().ToArray());
        VBuffer<ReadOnlyMemory<char>> slots = default;
        output.Schema["Ratings"].GetSlotNames(ref slots);
        Assert.Equal(new[] { "10", "20", "30" }, slots.DenseValues().Select(s => s.ToString()).ToArray());
        Assert.False(output.GetColumn<VBuffer<float>>("Ratings").First().IsDense);
    }

    [Fact]
    public void IgnoresAndCountsItemsAndUsersUnknownAtFitTime()
    {
        var ml = new MLContext(seed: 1);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(ml.Data.LoadFromEnumerable(Train));
        var later = ml.Data.LoadFromEnumerable(new RatingRow[]
        {
            new() { UserId = 3, ItemId = 99, Rating = 4 },   // unknown item: ignored, counted
            new() { UserId = 3, ItemId = 10, Rating = 3 },
            new() { UserId = 8, ItemId = 30, Rating = 2 },   // unknown user: key 0, still pivoted
        });
        var output = pivot.Pivot(later);

        Assert.Equal(new PivotReport(InputRows: 3, Users: 2, UsersUnknownAtFit: 1, RatingsOfUnknownItems: 1), output.Report);
        Assert.Equal(new uint[] { 1, 0 }, output.GetColumn<uint>("UserId").ToArray());
        var vectors = output.GetColumn<VBuffer<float>>("Ratings").Select(v => v.DenseValues().ToArray()).ToArray();
        Assert.Equal(new float[] { 3, 0, 0 }, vectors[0]);
        Assert.Equal(new float[] { 0, 0, 2 }, vectors[1]);
    }

    [Fact]
    public void TransformAppendsEachRowsUserKeyAndTrainingVectorKeepingTheRows()
    {
        var ml = new MLContext(seed: 1);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(ml.Data.LoadFromEnumerable(Train));
        var pairs = ml.Data.LoadFromEnumerable(new RatingRow[]
        {
            new() { UserId = 7, ItemId = 20, Rating = 1 },
            new() { UserId = 8, ItemId = 10, Rating = 2 },   // unknown user: key 0, empty vector
            new() { UserId = 3, ItemId = 99, Rating = 3 },   // unknown item: the row is kept (the engine scores it NaN)
        });
        var output = pivot.Transform(pairs);

        Assert.True(pivot.IsRowToRowMapper);
        Assert.Equal(new[] { "UserId", "ItemId", "Rating", "Timestamp", "UserId", "Ratings" }, output.Schema.Select(c => c.Name).ToArray());
        Assert.True(output.Schema[0].IsHidden);
        Assert.Equal(new uint[] { 2, 0, 1 }, output.GetColumn<uint>("UserId").ToArray());
        Assert.Equal(new[] { 20, 10, 99 }, output.GetColumn<int>("ItemId").ToArray());
        var vectors = output.GetColumn<VBuffer<float>>("Ratings").Select(v => v.DenseValues().ToArray()).ToArray();
        Assert.Equal(new float[] { 5, 0, 1.5f }, vectors[0]);
        Assert.Equal(new float[] { 0, 0, 0 }, vectors[1]);
        Assert.Equal(new float[] { 0, 2, 0 }, vectors[2]);
        VBuffer<int> userIds = default;
        output.Schema["UserId"].GetKeyValues(ref userIds);
        Assert.Equal(new[] { 3, 7 }, userIds.DenseValues().ToArray());
        Assert.Equal(output.Schema.Select(c => (c.Name, c.Type)), pivot.GetRowToRowMapper(pairs.Schema).OutputSchema.Select(c => (c.Name, c.Type)));
    }

    [Fact]
    public void AnEngineFittedOnTheTransformOfOtherRowsTrainsOnThoseRowsUsersTrainingVectors()
    {
        var ml = new MLContext(seed: 1);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(ml.Data.LoadFromEnumerable(Train));
        var rowsOfUser7 = ml.Data.LoadFromEnumerable(new RatingRow[]
        {
            new() { UserId = 7, ItemId = 10, Rating = 5 },
            new() { UserId = 7, ItemId = 20, Rating = 1 },   // not a training rating: user 7 still brings their training vector
        });
        var svd = ml.AutoEncoderRec().Trainers.TruncatedSvd(rank: 1).Fit(pivot.Transform(rowsOfUser7));
        Assert.Equal(new[] { 7 }, svd.Users.Ids.ToArray());
        Assert.Equal(new[] { 10, 20, 30 }, svd.Items.Ids.ToArray());
        Assert.Equal(new[] { 0, 2 }, svd.TrainRatings.RowIndices(0).ToArray());
        Assert.Equal(new[] { 5f, 1.5f }, svd.TrainRatings.RowValues(0).ToArray());
    }

    [Fact]
    public void RowsRepeatingAUserWithOtherRatingsAreRejectedSayingWhatToDo()
    {
        var ml = new MLContext(seed: 1);
        var rows = ml.Data.LoadFromEnumerable(new[]
        {
            new UserVectorRow { UserId = 0, Ratings = [1, 0, 2] },
            new UserVectorRow { UserId = 0, Ratings = [1, 0, 3] },
        });
        var error = Assert.Throws<InvalidDataException>(() => ml.AutoEncoderRec().Trainers.TruncatedSvd(rank: 1).Fit(rows));
        Assert.Contains("Training row 2 repeats user 0 (first at row 1) with other ratings; give one row per user, or rating rows through PivotUsers", error.Message);
    }

    [Fact]
    public void AnEngineScoringPairsFromAnotherItemColumnThanThePivotsIsRefusedAtFit()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.AutoEncoderRec().Transforms.PivotUsers()
            .Append(ml.AutoEncoderRec().Trainers.TruncatedSvd(new TruncatedSvdOptions { Rank = 1, ItemIdColumnName = "MovieId" }));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Fit(ml.Data.LoadFromEnumerable(Train)));
        Assert.Contains("The user pivot reads item ids from 'ItemId' but this engine scores pairs from ItemIdColumnName = 'MovieId': set the engine's ItemIdColumnName to 'ItemId'", error.Message);
    }

    [Fact]
    public void RejectsADuplicatePairNamingBothRows()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Train.Append(new RatingRow { UserId = 3, ItemId = 20, Rating = 4 }));
        var error = Assert.Throws<InvalidDataException>(() => ml.AutoEncoderRec().Transforms.PivotUsers().Fit(data));
        Assert.Contains("duplicate rating of user 3 for item 20 at lines 2 and 4", error.Message);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(ml.Data.LoadFromEnumerable(Train));
        Assert.Contains("duplicate rating of user 3 for item 20 at lines 2 and 4", Assert.Throws<InvalidDataException>(() => pivot.Pivot(data)).Message);
    }

    [Fact]
    public void RejectsZeroAndNonFiniteRatingsAndFractionalIds()
    {
        var ml = new MLContext(seed: 1);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers();
        var zero = ml.Data.LoadFromEnumerable(new[] { new RatingRow { UserId = 1, ItemId = 1, Rating = 0 } });
        Assert.Contains("row 1", Assert.Throws<InvalidDataException>(() => pivot.Fit(zero)).Message);
        var nan = ml.Data.LoadFromEnumerable(new[] { new RatingRow { UserId = 1, ItemId = 1, Rating = float.NaN } });
        Assert.Contains("finite", Assert.Throws<InvalidDataException>(() => pivot.Fit(nan)).Message);
        var fractional = ml.Data.LoadFromEnumerable(new[] { new FloatIdRow { UserId = 1.5f, ItemId = 1, Rating = 3 } });
        Assert.Contains("not a 32-bit integer", Assert.Throws<InvalidDataException>(() => pivot.Fit(fractional)).Message);
    }

    [Fact]
    public void GetOutputSchemaRejectsMissingAndNonNumericColumns()
    {
        var ml = new MLContext(seed: 1);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers(itemIdColumnName: "Movie");
        var shape = SchemaShapes.FromSchema(ml.Data.LoadFromEnumerable(Train).Schema);
        Assert.Contains("'Movie'", Assert.Throws<ArgumentOutOfRangeException>(() => pivot.GetOutputSchema(shape)).Message);

        var textIds = SchemaShapes.FromSchema(ml.Data.LoadFromEnumerable(new[] { new TextIdRow() }).Schema);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.AutoEncoderRec().Transforms.PivotUsers().GetOutputSchema(textIds));
        Assert.Contains("user id column 'UserId' holds text; map text ids to keys first: mlContext.Transforms.Conversion.MapValueToKey(\"UserId\")", error.Message);

        var output = ml.AutoEncoderRec().Transforms.PivotUsers().GetOutputSchema(shape);
        Assert.Equal(new[] { "ItemId", "Rating", "Timestamp", "UserId", "Ratings" }, output.Select(c => c.Name).ToArray());
        Assert.True(output.Single(c => c.Name == "UserId").IsKey);
    }

    private sealed class UserVectorRow
    {
        [KeyType(1)] public uint UserId { get; set; }
        [VectorType(3)] public float[] Ratings { get; set; } = [];
    }

    private sealed class FloatIdRow
    {
        public float UserId { get; set; }
        public float ItemId { get; set; }
        public float Rating { get; set; }
    }

    private sealed class TextIdRow
    {
        public string UserId { get; set; } = "a";
        public float ItemId { get; set; }
        public float Rating { get; set; }
    }
}
