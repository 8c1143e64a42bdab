namespace ML.AutoEncoderRec.Benchmarks.Accuracy;

/// <summary>
/// One data set of the generalization check: how its <c>ratings.csv</c> is made (<see cref="WriteRatings"/>), the same in
/// words (<see cref="Recipe"/>), and the split the check runs (<c>aerec compare --ratings ratings.csv --split
/// <see cref="Split"/> --seed 0</c>).
/// </summary>
internal sealed record AccuracyDataSet(string Name, string Recipe, string Split, Action<string> WriteRatings);

/// <summary>
/// The five data sets of the generalization check (issue 17): they differ the way real data sets differ — a random and
/// a per-user temporal split of MovieLens, a dense core, a sparse subsample of the users, and a synthetic set — and are
/// all built from the shipped ml-latest-small and <see cref="SyntheticRatings"/>, so they can be rebuilt anywhere.
/// </summary>
internal static class AccuracyDataSets
{
    /// <summary>The synthetic set: more users than items, a rank-10 signal (<c>aerec synth</c> with these options).</summary>
    public static readonly SyntheticRatingsOptions Synthetic = new() { Users = 2_500, Items = 3_000, Ratings = 100_000, Rank = 10, Noise = 0.5, Seed = 0 };

    /// <summary>k of the dense core.</summary>
    public const int CoreK = 20;

    /// <summary>Fraction of the users kept by the sparse subsample, and the seed of the choice.</summary>
    public const double UserFraction = 0.3;

    /// <inheritdoc cref="UserFraction"/>
    public const int UserSeed = 0;

    /// <summary>The five sets, built from the MovieLens ratings file at <paramref name="movieLens"/>.</summary>
    public static IReadOnlyList<AccuracyDataSet> All(string movieLens) =>
    [
        new("ml-random", "ml-latest-small as shipped.", "random:0.1", path => File.Copy(movieLens, path, overwrite: true)),
        new("ml-user-temporal", "ml-latest-small as shipped.", "user-temporal:0.2", path => File.Copy(movieLens, path, overwrite: true)),
        new("ml-dense-core",
            $"ml-latest-small reduced to its {CoreK}-core: users and items with fewer than {CoreK} ratings dropped, repeatedly, until none is left.",
            "random:0.2",
            path => RatingCsvWriter.Write(RatingReductions.KCore(RatingFileReader.Read(movieLens).Table, CoreK), path)),
        new("ml-sparse-users",
            $"every rating of {UserFraction:P0} of ml-latest-small's users (a seeded shuffle of the user ids, seed {UserSeed}).",
            "random:0.1",
            path => RatingCsvWriter.Write(RatingReductions.UserSample(RatingFileReader.Read(movieLens).Table, UserFraction, UserSeed), path)),
        new("synthetic",
            $"`aerec synth --users {Synthetic.Users} --items {Synthetic.Items} --ratings {Synthetic.Ratings} --rank {Synthetic.Rank} " +
            $"--noise {Synthetic.Noise} --seed {Synthetic.Seed}` (low rank + noise, half stars, Zipf item popularity).",
            "random:0.1",
            path => SyntheticRatings.WriteCsv(Synthetic, path)),
    ];

    /// <summary>Writes each set's <c>ratings.csv</c> and <c>split.txt</c> into <c>DIR/NAME/</c>; returns the folders.</summary>
    public static IReadOnlyList<string> Build(string movieLens, string directory, TextWriter log)
    {
        var folders = new List<string>();
        foreach (var set in All(movieLens))
        {
            string folder = Path.Combine(directory, set.Name);
            Directory.CreateDirectory(folder);
            string ratings = Path.Combine(folder, "ratings.csv");
            set.WriteRatings(ratings);
            File.WriteAllText(Path.Combine(folder, "split.txt"), set.Split + "\n");
            var table = RatingFileReader.Read(ratings).Table;
            log.WriteLine($"{set.Name}: {table.CountDistinctUsers():N0} users, {table.CountDistinctItems():N0} items, {table.Count:N0} ratings, split {set.Split}");
            folders.Add(folder);
        }
        return folders;
    }
}
