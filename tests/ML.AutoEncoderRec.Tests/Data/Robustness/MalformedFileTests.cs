using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Data.Robustness;

/// <summary>
/// Every file of <see cref="MalformedFileCorpus"/> either loads to exactly its expected rows or fails with exactly a
/// <see cref="DataFileException"/> (ratings: <see cref="RatingFileException"/>) naming the file, the line and the
/// problem, or, when missing, with a <see cref="FileNotFoundException"/> naming the path. No other exception type.
/// </summary>
public sealed class MalformedFileTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    public static TheoryData<string> CaseNames => [.. MalformedFileCorpus.Cases.Keys];

    [Fact]
    public void TheCorpusHoldsAtLeastFortyFilesOfEachOutcome()
    {
        var cases = MalformedFileCorpus.Cases.Values;
        Assert.True(cases.Count(c => c.FailLine != null) >= 40, "at least 40 failing files");
        Assert.True(cases.Count(c => c.Rows != null || c.Titles != null) >= 20, "at least 20 loading files");
        Assert.All(cases, c => Assert.Equal(1, new[] { c.Rows != null, c.Titles != null, c.FailLine != null, c.Bytes == null }.Count(b => b)));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void LoadsExactlyOrFailsNamingTheLine(string name)
    {
        var file = MalformedFileCorpus.Cases[name];
        string path = file.Bytes == null
            ? Path.Combine(temp.Path, "no-such-folder", name + file.Extension)
            : temp.WriteBytes(file.Bytes, file.Extension);
        if (file.Bytes == null) AssertMissing(file, path);
        else if (file.FailLine is int line) AssertFails(file, path, line);
        else if (file.Kind == DataFileKind.Ratings) AssertLoadsRatings(file, path);
        else AssertLoadsTitles(file, path);
    }

    [Fact]
    public void AFolderIsNotAFile()
    {
        var e = Assert.Throws<FileNotFoundException>(() => RatingFileReader.Read(temp.Path));
        Assert.Equal(temp.Path, e.FileName);
        Assert.Contains("is a folder, not a file", e.Message);
    }

    private static void AssertMissing(MalformedFileCase file, string path)
    {
        var e = Assert.Throws<FileNotFoundException>(() => Load(file, path));
        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message);
    }

    private static void AssertFails(MalformedFileCase file, string path, int line)
    {
        DataFileException e = file.Kind == DataFileKind.Ratings
            ? Assert.Throws<RatingFileException>(() => Load(file, path))
            : Assert.Throws<DataFileException>(() => Load(file, path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(line, e.Line);
        Assert.Contains(file.FailProblem!, e.Problem);
        Assert.Equal(line > 0 ? $"{path}:{line}: {e.Problem}" : $"{path}: {e.Problem}", e.Message);
    }

    private static void AssertLoadsRatings(MalformedFileCase file, string path)
    {
        var (table, report) = RatingFileReader.Read(path, file.Options);
        var rows = file.Rows!;
        Assert.Equal(rows.Select(r => r.User), table.UserIds);
        Assert.Equal(rows.Select(r => r.Item), table.ItemIds);
        Assert.Equal(rows.Select(r => r.Rating), table.Ratings);
        Assert.Equal(rows.Select(r => r.Timestamp), table.Timestamps);
        Assert.Equal(rows.Select(r => r.Line), table.Lines);
        Assert.Equal(file.DuplicatesRemoved, report.DuplicatesRemoved);
        Assert.Equal(rows.Length + file.DuplicatesRemoved, report.RowsRead);
        Assert.Equal(file.TrailingBlankLines, report.TrailingBlankLinesSkipped);
    }

    private static void AssertLoadsTitles(MalformedFileCase file, string path)
    {
        var titles = ItemTitles.Load(path);
        Assert.Equal(file.Titles!.Length, titles.Count);
        foreach (var (item, expected) in file.Titles)
        {
            Assert.True(titles.TryGetTitle(item, out string? title), $"item {item} has a title");
            Assert.Equal(expected, title);
        }
    }

    private static object Load(MalformedFileCase file, string path) =>
        file.Kind == DataFileKind.Ratings ? RatingFileReader.Read(path, file.Options) : ItemTitles.Load(path);
}
