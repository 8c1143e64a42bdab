using Microsoft.ML;

namespace ML.AutoEncoderRec.Benchmarks.Suites;

/// <summary>The data path: read the ratings file, split it, pivot the training part into the CSR matrix.</summary>
internal static class DataBenchmarks
{
    public static IEnumerable<Dictionary<string, object?>> Run(string ratingsPath)
    {
        RatingMatrix? matrix = null;
        var seconds = Measure.Seconds(() =>
        {
            var file = RatingFileReader.Read(ratingsPath);
            var split = GlobalTemporalSplit.Split(file.Table);
            matrix = RatingMatrix.FromTable(split.Train, null, null, out _);
        }, warmups: 3, runs: 9);
        var record = Measure.Record("load_split_pivot", seconds);
        record["file"] = ratingsPath;
        record["train_users"] = matrix!.RowCount;
        record["train_items"] = matrix.ColumnCount;
        record["train_ratings"] = matrix.NonZeroCount;
        record["target_seconds"] = 0.3;
        record["loadavg"] = Measure.LoadAverage();
        yield return record;

        var ml = new MLContext(0);
        var table = GlobalTemporalSplit.Split(RatingFileReader.Read(ratingsPath).Table).Train;
        var pivotSeconds = Measure.Seconds(() =>
        {
            var data = DataViewRatings.ToDataView(ml, table);
            var pivoted = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(data).Pivot(data);
            _ = pivoted.Report;
        }, warmups: 2, runs: 5);
        var mlRecord = Measure.Record("mlnet_pivot_transform", pivotSeconds);
        mlRecord["train_ratings"] = table.Count;
        yield return mlRecord;
    }
}
