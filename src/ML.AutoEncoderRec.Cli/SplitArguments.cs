using System.CommandLine;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// The options that choose the data and the split (<c>--ratings</c> with <c>--table</c>/<c>--query</c> for SQLite,
/// <c>--split</c>, <c>--train</c>/<c>--test</c>, <c>--duplicates</c>), shared by every command that trains or evaluates.
/// </summary>
internal static class SplitArguments
{
    public const string RatingsName = "--ratings";
    public const string SplitName = "--split";
    public const string TrainName = "--train";
    public const string TestName = "--test";
    public const string DuplicatesName = "--duplicates";
    public const string TableName = "--table";
    public const string QueryName = "--query";

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public static void Add(Command command)
    {
        command.Options.Add(new Option<string>(RatingsName)
        {
            Description = $"Ratings file: MovieLens CSV or ml-100k tab-separated (default {MainJobCommand.DefaultRatings}); " +
                $"or {SqliteRatings.Prefix}PATH, a SQLite database (with {TableName} or {QueryName}).",
        });
        command.Options.Add(new Option<string>(TableName)
        {
            Description = $"With {RatingsName} {SqliteRatings.Prefix}PATH: the table whose four columns are user id, item id, rating, " +
                $"timestamp, in that order (default {SqliteRatings.DefaultTable}).",
        });
        command.Options.Add(new Option<string>(QueryName)
        {
            Description = $"With {RatingsName} {SqliteRatings.Prefix}PATH: a SELECT returning user id, item id, rating, timestamp instead of a table.",
        });
        command.Options.Add(new Option<string>(SplitName)
        {
            Description = $"How to split: {SplitSpec.AcceptedForms} (default {SplitSpec.Default}).",
        });
        command.Options.Add(new Option<string>(TrainName) { Description = "Predefined training file (with --test instead of --ratings/--split)." });
        command.Options.Add(new Option<string>(TestName) { Description = "Predefined test file (with --train)." });
        var duplicates = new Option<string>(DuplicatesName)
        {
            Description = "Repeated (user, item) ratings: error (default) or keep-latest (keep the latest, count the rest).",
            DefaultValueFactory = _ => "error",
        };
        duplicates.AcceptOnlyFromAmong("error", "keep-latest");
        command.Options.Add(duplicates);
    }

    /// <summary>Reads the files and splits them as the options say.</summary>
    /// <exception cref="UsageException">The options contradict each other (e.g. --split with --train).</exception>
    public static ResolvedSplit Resolve(ParseResult parse)
    {
        var options = new RatingFileReaderOptions
        {
            Duplicates = parse.GetValue<string>(DuplicatesName) == "keep-latest" ? DuplicateRatings.KeepLatest : DuplicateRatings.Error,
        };
        string? ratings = parse.GetValue<string>(RatingsName);
        string? split = parse.GetValue<string>(SplitName);
        string? train = parse.GetValue<string>(TrainName);
        string? test = parse.GetValue<string>(TestName);
        string? table = parse.GetValue<string>(TableName);
        string? query = parse.GetValue<string>(QueryName);
        if ((table != null || query != null) && !SqliteRatings.IsSqlite(ratings))
            throw new UsageException($"{TableName} and {QueryName} go with {RatingsName} {SqliteRatings.Prefix}PATH.");
        if (table != null && query != null) throw new UsageException($"Give {TableName} or {QueryName}, not both.");
        if (train != null || test != null)
        {
            if (train == null || test == null) throw new UsageException($"{TrainName} and {TestName} go together.");
            if (ratings != null || split != null)
                throw new UsageException($"{TrainName}/{TestName} replace {RatingsName} and {SplitName}; give one or the other.");
            if (SqliteRatings.IsSqlite(train) || SqliteRatings.IsSqlite(test))
                throw new UsageException($"A SQLite source goes with {RatingsName} (and {SplitName}), not {TrainName}/{TestName}.");
            var trainFile = RatingFileReader.Read(train, options);
            var testFile = RatingFileReader.Read(test, options);
            return new ResolvedSplit(PredefinedSplit.Split(trainFile.Table, testFile.Table), [trainFile, testFile]);
        }
        var spec = split == null ? SplitSpec.Default : SplitSpec.Parse(split);
        var file = SqliteRatings.IsSqlite(ratings)
            ? SqliteRatings.Read(ratings!, table, query, options)
            : RatingFileReader.Read(ratings ?? MainJobCommand.DefaultRatings, options);
        return new ResolvedSplit(spec.Apply(file.Table), [file]);
    }
}
