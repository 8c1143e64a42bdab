// The classic truncated-SVD demo: 18 users × 10 products, keep 3 singular values, recommend each user the product
// with the highest reconstructed rating among those they have not rated.
using System.Globalization;
using Microsoft.ML;
using ML.AutoEncoderRec;

// Rows = users 1..18, columns = products 1..10, 0 = not rated (the same literal is in tests/.../Svd/SvdTestData.cs).
float[,] ratings =
{
    { 0, 2, 0, 0, 3, 0, 0, 0, 0, 0 }, { 4, 0, 0, 0, 3, 0, 0, 0, 5, 0 }, { 0, 0, 0, 0, 0, 3, 0, 0, 0, 0 }, { 0, 5, 0, 0, 0, 0, 0, 0, 0, 2 },
    { 0, 0, 0, 0, 0, 0, 0, 5, 0, 0 }, { 5, 2, 0, 0, 0, 0, 0, 0, 0, 0 }, { 0, 0, 0, 3, 0, 0, 4, 0, 5, 2 }, { 0, 3, 0, 4, 0, 0, 0, 0, 0, 0 },
    { 0, 0, 4, 0, 0, 2, 0, 0, 0, 1 }, { 0, 0, 0, 0, 5, 0, 3, 0, 2, 0 }, { 1, 5, 0, 0, 0, 4, 0, 0, 0, 0 }, { 0, 0, 4, 0, 5, 0, 0, 3, 0, 2 },
    { 1, 0, 0, 4, 0, 0, 0, 1, 0, 0 }, { 0, 5, 0, 3, 0, 0, 0, 0, 4, 0 }, { 4, 0, 0, 0, 4, 0, 0, 0, 0, 0 }, { 0, 0, 0, 5, 0, 2, 0, 0, 0, 0 },
    { 0, 3, 0, 0, 0, 0, 4, 0, 0, 0 }, { 3, 3, 0, 0, 0, 0, 0, 0, 0, 5 },
};
int users = ratings.GetLength(0), products = ratings.GetLength(1);
var rows = new List<RatingRow>();
for (int u = 0; u < users; u++)
    for (int p = 0; p < products; p++)
        if (ratings[u, p] != 0) rows.Add(new RatingRow { UserId = u + 1, ItemId = p + 1, Rating = ratings[u, p] });

var ml = new MLContext(seed: 0);
var data = ml.Data.LoadFromEnumerable(rows);
var model = ml.AutoEncoderRec().Transforms.PivotUsers()
    .Append(ml.AutoEncoderRec().Trainers.TruncatedSvd(rank: 3, solver: SvdSolver.Exact))
    .Fit(data);
TruncatedSvdTransformer svd = model.LastTransformer;

int k = svd.Rank;
Console.WriteLine($"R: {users} × {products}, {rows.Count} ratings");
Console.WriteLine($"U: {users} × {k}   Σ: {k} × {k}   Vᵀ: {k} × {products}");
Console.WriteLine("σ: " + string.Join("  ", svd.SingularValues.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture))));
Console.WriteLine();
Console.WriteLine("Rank-3 reconstruction U Σ Vᵀ (rounded to 1 decimal), * = rated, and each user's top unrated product:");
Console.WriteLine("user " + string.Concat(Enumerable.Range(1, products).Select(p => $"{"P" + p,7}")) + "   top");
for (int u = 1; u <= users; u++)
{
    var scores = svd.ScoreUser(u);
    var cells = Enumerable.Range(0, products).Select(p =>
        (scores[svd.Items.IndexOf(p + 1)].ToString("0.0", CultureInfo.InvariantCulture) + (ratings[u - 1, p] != 0 ? "*" : " ")).PadLeft(7));
    var top = svd.Recommend(u, 1).Single();
    Console.WriteLine($"{u,4} {string.Concat(cells)}   P{top.ItemId} ({top.Score.ToString("0.00", CultureInfo.InvariantCulture)})");
}
