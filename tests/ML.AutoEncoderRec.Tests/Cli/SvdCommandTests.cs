using System.Text.RegularExpressions;
using ML.AutoEncoderRec.Cli;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Cli;

/// <summary><c>aerec synth</c>, and <c>aerec train --engine svd</c> followed by <c>aerec recommend</c>.</summary>
public sealed class SvdCommandTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void SynthWritesAMovieLensFileTheReaderAccepts()
    {
        string path = Path.Combine(temp.Path, "synth.csv");
        var (code, output, error) = Run("synth", "--users", "50", "--items", "40", "--ratings", "500", "--rank", "3", "--seed", "2", "--out", path);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("wrote 500 ratings", output);
        Assert.StartsWith("userId,movieId,rating,timestamp\n", File.ReadAllText(path));
        var table = RatingFileReader.Read(path).Table;
        Assert.Equal(500, table.Count);
        Assert.Equal(SyntheticRatings.Generate(new SyntheticRatingsOptions { Users = 50, Items = 40, Ratings = 500, Rank = 3, Seed = 2 })
            .Select(r => (r.UserId, r.ItemId, r.Rating, r.Timestamp)), table.UserIds.Select((u, k) => (u, table.ItemIds[k], table.Ratings[k], table.Timestamps[k])));
    }

    [Fact]
    public void SynthWithMoreRatingsThanPairsIsBadInput()
    {
        var (code, _, error) = Run("synth", "--users", "2", "--items", "2", "--ratings", "5", "--out", Path.Combine(temp.Path, "x.csv"));
        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("users × items = 4", error);
    }

    [Fact]
    public void TrainsTheSvdEngineAndRecommendsUnratedMoviesWithTitles()
    {
        string model = Path.Combine(temp.Path, "svd.zip");
        var (code, output, error) = Run("train", "--engine", "svd", "--rank", "20", "--centering", "user-mean",
            "--ratings", RepositoryFiles.MovieLensSmallRatings, "--model", model);
        Assert.True(code == 0, error);
        Assert.Contains("engine: svd", output);
        Assert.Contains("rank: 20", output);
        Assert.Contains("centering: user-mean", output);

        (code, output, error) = Run("recommend", "--model", model, "--user", "1", "--top", "5", "--titles", RepositoryFiles.MovieLensSmallMovies);
        Assert.True(code == 0, error);
        Assert.Contains("top 5 unrated items for user 1 (svd)", output);
        var titles = ItemTitles.Load(RepositoryFiles.MovieLensSmallMovies);
        var ranked = output.Split('\n').Select(line => Regex.Match(line, @"^\s*\d+\.\s+(\d+)\s+\S+\s+(.+)$")).Where(m => m.Success).ToArray();
        Assert.Equal(5, ranked.Length);
        Assert.All(ranked, m => Assert.True(titles.TryGetTitle(int.Parse(m.Groups[1].Value), out var title) && title == m.Groups[2].Value.TrimEnd()));
    }
}
