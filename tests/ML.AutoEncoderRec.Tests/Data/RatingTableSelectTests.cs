namespace ML.AutoEncoderRec.Tests.Data;

/// <summary><see cref="RatingTable.Select"/> copies runs of consecutive rows as blocks and the rest row by row: both give the rows asked for.</summary>
public sealed class RatingTableSelectTests
{
    private static RatingTable Table(int n) => new("t",
        [.. Enumerable.Range(0, n).Select(r => r / 7)], [.. Enumerable.Range(0, n).Select(r => 1000 + r)],
        [.. Enumerable.Range(0, n).Select(r => 0.5f + r % 10)], [.. Enumerable.Range(0, n).Select(r => 10L * r)],
        [.. Enumerable.Range(2, n)]);

    [Fact]
    public void SelectsExactlyTheRowsAskedForWhateverTheirRuns()
    {
        var table = Table(500);
        var random = new Random(11);
        for (int trial = 0; trial < 200; trial++)
        {
            // Runs of 1 to 40 consecutive rows starting anywhere, so some are copied as blocks and some row by row.
            var rows = new List<int>();
            while (rows.Count < 300)
            {
                int start = random.Next(table.Count), length = Math.Min(random.Next(1, 41), table.Count - start);
                rows.AddRange(Enumerable.Range(start, length));
            }
            var selected = table.Select(rows.ToArray(), "s");
            Assert.Equal("s", selected.Source);
            Assert.Equal(rows.Select(r => table.UserIds[r]), selected.UserIds);
            Assert.Equal(rows.Select(r => table.ItemIds[r]), selected.ItemIds);
            Assert.Equal(rows.Select(r => table.Ratings[r]), selected.Ratings);
            Assert.Equal(rows.Select(r => table.Timestamps[r]), selected.Timestamps);
            Assert.Equal(rows.Select(r => table.Lines[r]), selected.Lines);
        }
    }

    [Fact]
    public void SelectsNothingAndEverything()
    {
        var table = Table(100);
        Assert.Equal(0, table.Select([]).Count);
        var all = table.Select([.. Enumerable.Range(0, 100)]);
        Assert.Equal(table.Lines, all.Lines);
        Assert.Equal(table.Source, all.Source);
    }

    [Fact]
    public void WithoutKeepsExactlyTheOtherRowsInOrder()
    {
        var table = Table(300);
        var random = new Random(12);
        for (int trial = 0; trial < 200; trial++)
        {
            // Left-out rows scattered and in runs, the first and last rows among them at times, sometimes none or all.
            var left = Enumerable.Range(0, table.Count).Where(_ => random.Next(trial % 4 == 0 ? 2 : 30) == 0).ToList();
            if (trial % 7 == 1) left = [0, 1, 2, table.Count - 1];
            if (trial % 7 == 2) left = [];
            if (trial % 7 == 3) left = [.. Enumerable.Range(0, table.Count)];
            var kept = Enumerable.Range(0, table.Count).Except(left).ToArray();
            var rest = table.Without(left.ToArray());
            Assert.Equal(table.Source, rest.Source);
            Assert.Equal(kept.Select(r => table.UserIds[r]), rest.UserIds);
            Assert.Equal(kept.Select(r => table.ItemIds[r]), rest.ItemIds);
            Assert.Equal(kept.Select(r => table.Ratings[r]), rest.Ratings);
            Assert.Equal(kept.Select(r => table.Timestamps[r]), rest.Timestamps);
            Assert.Equal(kept.Select(r => table.Lines[r]), rest.Lines);
        }
    }
}
