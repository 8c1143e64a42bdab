using FsCheck.Xunit;

namespace ML.AutoEncoderRec.Tests.Data.Robustness;

/// <summary>Property tests of <see cref="RatingFileReader"/> on generated tables (100 cases each).</summary>
public sealed class RatingFileProperties
{
    [Property(MaxTest = 100, Arbitrary = [typeof(RatingArbitraries)])]
    public void AnyValidTableRoundTripsThroughCsvAndTsv(WrittenTable written)
    {
        var (table, report) = ReadBack(written.Style.Write(written.Rows), written.Style.Extension, DuplicateRatings.Error);
        Assert.Equal(written.Rows, Rows(table));
        Assert.Equal(written.Rows.Select((_, k) => written.Style.LineOf(k)), table.Lines);
        Assert.Equal(written.Style.Tsv ? RatingFileFormat.TabSeparated : RatingFileFormat.MovieLensCsv, report.Format);
        Assert.Equal(written.Style.Header, report.HeaderSkipped);
        Assert.Equal((written.Rows.Length, 0), (report.RowsRead, report.DuplicatesRemoved));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(RatingArbitraries)])]
    public void KeepLatestKeepsPerPairTheLatestTimestampThenTheLaterLine(TableWithDuplicates generated)
    {
        var rows = generated.Rows;
        var style = new FileStyle(Tsv: false, Header: true, "\n", FinalNewline: true, Bom: false, Padded: false);
        var (table, report) = ReadBack(style.Write(rows), ".csv", DuplicateRatings.KeepLatest);
        // The model: for each pair the row with the largest (timestamp, index); the kept rows in file order.
        var kept = Enumerable.Range(0, rows.Length)
            .GroupBy(k => (rows[k].User, rows[k].Item))
            .Select(pair => pair.MaxBy(k => (rows[k].Timestamp, k)))
            .Order().ToArray();
        Assert.Equal(kept.Select(k => rows[k]), Rows(table));
        Assert.Equal(kept.Select(style.LineOf), table.Lines);
        Assert.Equal(rows.Length, report.RowsRead);
        Assert.Equal(rows.Length - kept.Length, report.DuplicatesRemoved);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(RatingArbitraries)])]
    public void ByDefaultTheFirstRepeatInTheFileIsAnErrorNamingBothLines(TableWithDuplicates generated)
    {
        var rows = generated.Rows;
        var style = new FileStyle(Tsv: true, Header: false, "\r\n", FinalNewline: false, Bom: false, Padded: false);
        byte[] bytes = style.Write(rows);
        int repeat = Enumerable.Range(0, rows.Length)
            .FirstOrDefault(k => rows.Take(k).Any(r => (r.User, r.Item) == (rows[k].User, rows[k].Item)), -1);
        if (repeat < 0)
        {
            Assert.Equal(rows, Rows(ReadBack(bytes, ".tsv", DuplicateRatings.Error).Table));
            return;
        }
        int first = Array.FindIndex(rows, r => (r.User, r.Item) == (rows[repeat].User, rows[repeat].Item));
        var e = Assert.Throws<RatingFileException>(() => ReadBack(bytes, ".tsv", DuplicateRatings.Error));
        Assert.Equal(style.LineOf(repeat), e.Line);
        Assert.StartsWith($"duplicate rating of user {rows[repeat].User} for item {rows[repeat].Item} (also at line {style.LineOf(first)})", e.Problem);
    }

    private static GeneratedRow[] Rows(RatingTable table) =>
        [.. Enumerable.Range(0, table.Count).Select(k => new GeneratedRow(table.UserIds[k], table.ItemIds[k], table.Ratings[k], table.Timestamps[k]))];

    private static LoadedRatings ReadBack(byte[] bytes, string extension, DuplicateRatings duplicates)
    {
        string path = Path.Combine(Path.GetTempPath(), $"aerec-property-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        try
        {
            return RatingFileReader.Read(path, new RatingFileReaderOptions { Duplicates = duplicates });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
