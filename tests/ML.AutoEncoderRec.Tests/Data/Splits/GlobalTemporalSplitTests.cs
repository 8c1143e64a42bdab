using System.Globalization;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Data.Splits;

public sealed class GlobalTemporalSplitTests
{
    [Fact]
    public void SplitsTinyTableAtTheInterpolatedCutoff()
    {
        // n = 7, q = 0.6: h = 6·0.6 = 3.6, cutoff = x[3] + 0.6·(x[4] − x[3]) = 400 + 0.6·100 = 460.
        // Train: lines 1–4. After the cutoff: line 5 (user 3 unseen), line 6 (item 40 unseen), line 7 (kept).
        var (train, test, report) = GlobalTemporalSplit.Split(SplitTestTables.Seven(), 0.6);
        Assert.Equal(460, report.Cutoff!.Value, 9);
        Assert.Equal([1, 2, 3, 4], train.Lines);
        Assert.Equal([7], test.Lines);
        Assert.Equal(1, report.DroppedUnseenUser);
        Assert.Equal(1, report.DroppedUnseenItem);
        Assert.Equal((7, 4, 2, 3, 1, 1, 1), (report.InputRows, report.TrainRows, report.TrainUsers, report.TrainItems,
            report.TestRows, report.TestUsers, report.TestItems));
        Assert.Equal("temporal:0.6", report.Description);
        Assert.Null(report.UsersWithoutTestRows);
    }

    [Fact]
    public void ReproducesTheReferenceProtocolOnMovieLensSmall()
    {
        string path = RepositoryFiles.MovieLensSmallRatings;
        // Independent of the reader: split the lines by hand and apply pandas' linear quantile formula.
        var times = File.ReadLines(path).Skip(1).Select(line => long.Parse(line.Split(',')[3], CultureInfo.InvariantCulture)).ToArray();
        var sorted = times.OrderBy(t => t).ToArray();
        double h = (sorted.Length - 1) * 0.98;
        int low = (int)Math.Floor(h);
        double cutoff = sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]);

        var (train, test, report) = GlobalTemporalSplit.Split(RatingFileReader.Read(path).Table);

        Assert.Equal(100_836, report.InputRows);
        Assert.Equal(cutoff, report.Cutoff);
        Assert.Equal(times.Count(t => t <= cutoff), report.TrainRows);
        Assert.Equal(times.Count(t => t > cutoff), report.TestRows + report.DroppedUnseenUser + report.DroppedUnseenItem);
        Assert.Equal(188, test.Count);
        Assert.Equal(14, test.CountDistinctUsers());
        Assert.Equal(14, report.TestUsers);
        Assert.Equal(train.Count, report.TrainRows);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void RejectsQuantilesOutsideTheOpenUnitInterval(double quantile) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GlobalTemporalSplit.Split(SplitTestTables.Seven(), quantile));

    [Fact]
    public void RowsAfterTheCutoffAreThoseWhoseTimestampExceedsItAsADouble()
    {
        // The rows found 4 at a time against an integer bound are exactly those with (double)t > cutoff: ties at the
        // cutoff, fractional cutoffs, timestamps beyond 2^53 (where a long rounds when made a double), negative ones,
        // lengths that are not a multiple of 4, cutoffs beyond every long.
        var random = new Random(21);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = random.Next(0, 40);
            long baseTime = (trial % 3) switch { 0 => 0, 1 => (1L << 53) - 20, _ => long.MaxValue - 3000 };
            var timestamps = new long[n];
            for (int k = 0; k < n; k++) timestamps[k] = baseTime + random.Next(-2500, 2500) * (trial % 5 == 0 ? 1 : 1024) / 1024;
            double cutoff = (trial % 4) switch
            {
                0 => n > 0 ? timestamps[random.Next(n)] : 0,         // a tie
                1 => baseTime + random.NextDouble() * 10 - 5,
                2 => trial % 8 == 2 ? 9.3e18 : -9.3e18,                // beyond every long, or below all
                _ => (double)(baseTime + random.Next(-3000, 3000)),
            };
            var expected = Enumerable.Range(0, n).Where(r => timestamps[r] > cutoff).ToArray();
            Assert.Equal(expected, GlobalTemporalSplit.RowsAfter(timestamps, cutoff));
        }
    }
}
