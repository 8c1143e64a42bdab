using System.Diagnostics;
using Xunit.Abstractions;

namespace ML.AutoEncoderRec.Tests.Data.Robustness;

/// <summary>A 5,000,000-row (≈ 120 MB) ratings file is streamed: memory follows the columns, not the text.</summary>
public sealed class StreamingReadTests(ITestOutputHelper output)
{
    private const int Rows = 5_000_000;

    /// <summary>Bytes of the result's five columns: user, item, rating, line (4 bytes each) and timestamp (8).</summary>
    private const long ColumnBytes = Rows * (4L + 4 + 4 + 8 + 4);

    [Fact]
    public void FiveMillionRowsAllocateAboutTwoAndAHalfTimesTheColumnsAndNoStringPerLine()
    {
        string folder = Directory.CreateTempSubdirectory("aerec-stream-").FullName;
        try
        {
            string path = Path.Combine(folder, "ratings.csv");
            WriteFile(path);
            long fileBytes = new FileInfo(path).Length;

            // Per thread, so tests running in parallel do not count; it includes large-object-heap arrays.
            var clock = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var (table, report) = RatingFileReader.Read(path);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            clock.Stop();
            output.WriteLine($"file {fileBytes / 1e6:F0} MB, columns {ColumnBytes / 1e6:F0} MB, allocated {allocated / 1e6:F0} MB " +
                             $"({(double)allocated / ColumnBytes:F2} × columns), read in {clock.Elapsed.TotalSeconds:F1} s");

            Assert.Equal(Rows, table.Count);
            Assert.Equal(Rows, report.RowsKept);
            Assert.Equal(Rows + 1, table.Lines[^1]);
            Assert.Equal((Rows - 1) / 100 + 1, table.UserIds[^1]);
            Assert.Equal(964_982_703L + Rows - 1, table.Timestamps[^1]);
            // The measurement sees the result's own arrays...
            Assert.True(allocated >= ColumnBytes, $"allocated {allocated} < column bytes {ColumnBytes}: the measurement misses arrays");
            // ...and the budget: chunks while reading (1×), exact columns (1×), duplicate check (0.5×). A string per line
            // (≥ 22 + 2 × 23 bytes for these 23–24 character lines, ≈ 2.8 × columns) or ReadAllLines/ReadAllText breaks it.
            Assert.True(allocated < 3 * ColumnBytes, $"allocated {allocated / 1e6:F0} MB ≥ 3 × the {ColumnBytes / 1e6:F0} MB of columns");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// userId,movieId,rating,timestamp then rows k = 0 … Rows − 1: user k/100 + 1, item (k mod 100)·7 + 1 (so no
    /// pair repeats), rating 0.5…5, timestamp 964,982,703 + k.
    /// </summary>
    private static void WriteFile(string path)
    {
        string[] ratings = ["0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0"];
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        writer.Write("userId,movieId,rating,timestamp\n");
        Span<char> number = stackalloc char[20];
        for (int k = 0; k < Rows; k++)
        {
            WriteNumber(writer, k / 100 + 1, number);
            writer.Write(',');
            WriteNumber(writer, k % 100 * 7 + 1, number);
            writer.Write(',');
            writer.Write(ratings[k % 10]);
            writer.Write(',');
            WriteNumber(writer, 964_982_703L + k, number);
            writer.Write('\n');
        }
    }

    private static void WriteNumber(StreamWriter writer, long value, Span<char> scratch)
    {
        value.TryFormat(scratch, out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
        writer.Write(scratch[..written]);
    }
}
