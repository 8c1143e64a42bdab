using System.Globalization;
using System.Text;

namespace ML.AutoEncoderRec.Tests.Recommending.OrdinaryModel;

/// <summary>
/// MovieLens-format files (<c>userId,movieId,rating,timestamp</c>, header) for the ordinary-model tests: 40 users with
/// non-contiguous ids (7, 10, 13, …) each rating 12 of 25 items (ids 100–124), rating = 3 + 1.5·(a_u·b_i) rounded to half
/// stars in [0.5, 5] with rank-2 factors from a seeded generator. <see cref="Train"/> and <see cref="Test"/> split each
/// user's ratings 10 / 2 at random (rows in user, then item order); <see cref="All"/> holds both. Used as an <c>IClassFixture</c>; the folder is deleted afterwards.
/// </summary>
public sealed class OrdinaryModelData : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aerec-ordinary-").FullName;

    public OrdinaryModelData()
    {
        var random = new Random(11);
        var train = new StringBuilder("userId,movieId,rating,timestamp\n");
        var test = new StringBuilder("userId,movieId,rating,timestamp\n");
        var items = Enumerable.Range(0, 25).Select(_ => (random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1)).ToArray();
        for (int u = 0; u < 40; u++)
        {
            var (a0, a1) = (random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
            var rated = Enumerable.Range(0, 25).OrderBy(_ => random.Next()).Take(12).ToArray();
            var heldOut = rated.Take(2).ToHashSet();
            foreach (int i in rated.Order())
            {
                double rating = Math.Clamp(Math.Round(2 * (3 + 1.5 * (a0 * items[i].Item1 + a1 * items[i].Item2))) / 2, 0.5, 5);
                (heldOut.Contains(i) ? test : train).Append(CultureInfo.InvariantCulture, $"{7 + 3 * u},{100 + i},{rating:0.0},{1_000_000 + u * 100 + i}\n");
            }
        }
        Train = Write("train.csv", train.ToString());
        Test = Write("test.csv", test.ToString());
        All = Write("all.csv", train.ToString() + test.ToString()["userId,movieId,rating,timestamp\n".Length..]);
    }

    /// <summary>10 ratings per user.</summary>
    public string Train { get; }

    /// <summary>The other 2 ratings per user (every user and, with these seeds, every item also occurs in <see cref="Train"/>).</summary>
    public string Test { get; }

    /// <summary>Train and test together (480 rows).</summary>
    public string All { get; }

    /// <summary>A file in the fixture's folder (for saved models).</summary>
    public string PathOf(string name) => Path.Combine(_folder, name);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        File.WriteAllText(PathOf(name), text);
        return PathOf(name);
    }
}
