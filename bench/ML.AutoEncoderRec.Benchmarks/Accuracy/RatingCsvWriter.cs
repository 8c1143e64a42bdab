using System.Globalization;
using System.Text;

namespace ML.AutoEncoderRec.Benchmarks.Accuracy;

/// <summary>Writes a <see cref="RatingTable"/> as a MovieLens CSV (<c>userId,movieId,rating,timestamp</c>), rows in table order.</summary>
/// <remarks>
/// Row order is kept: a per-user temporal split breaks equal timestamps by row order, so a file written here splits
/// like the table it came from. Ratings get the fewest digits that read back as the same float ("4.0" as MovieLens).
/// </remarks>
internal static class RatingCsvWriter
{
    public static void Write(RatingTable table, string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        writer.Write("userId,movieId,rating,timestamp\n");
        for (int r = 0; r < table.Count; r++)
        {
            string rating = table.Ratings[r].ToString("R", CultureInfo.InvariantCulture);
            if (!rating.Contains('.') && !rating.Contains('E')) rating += ".0";
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{table.UserIds[r]},{table.ItemIds[r]},{rating},{table.Timestamps[r]}\n"));
        }
    }
}
