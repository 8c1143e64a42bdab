namespace ML.AutoEncoderRec.Benchmarks.Micro;

/// <summary>The shipped ml-latest-small ratings and their global temporal training split (read once per process).</summary>
public static class MovieLensSmall
{
    /// <summary>data/ml-latest-small/ratings.csv, found by walking up from the binaries to ML.AutoEncoderRec.sln.</summary>
    public static string RatingsPath { get; } = FindRatings();

    private static readonly Lazy<RatingTable> TrainTable = new(() =>
        GlobalTemporalSplit.Split(RatingFileReader.Read(RatingsPath).Table).Train);

    /// <summary>The training part of the temporal:0.98 split.</summary>
    public static RatingTable Train => TrainTable.Value;

    private static string FindRatings()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "ML.AutoEncoderRec.sln")))
                return Path.Combine(folder.FullName, "data", "ml-latest-small", "ratings.csv");
        throw new DirectoryNotFoundException($"No ML.AutoEncoderRec.sln above {AppContext.BaseDirectory}.");
    }
}
