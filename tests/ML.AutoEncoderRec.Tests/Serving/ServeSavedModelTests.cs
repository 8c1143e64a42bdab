using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.ML;
using ML.AutoEncoderRec.Cli;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Serving;

/// <summary>End to end: an autoencoder trained, saved to a zip, loaded as <c>aerec serve --model</c> does, and served.</summary>
public sealed class ServeSavedModelTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    [Fact]
    public async Task ServesASavedAutoencoderWithItsTrainingFiguresAndRecommendations()
    {
        var ml = new MLContext(0);
        // 30 users × 20 items, user u rates item i when (u + i) % 3 != 0.
        var rows = (from u in Enumerable.Range(1, 30) from i in Enumerable.Range(1, 20) where (u + i) % 3 != 0
                    select (u, i, r: (float)(1 + (u + 2 * i) % 5))).ToArray();
        var table = new RatingTable("tiny", rows.Select(x => x.u).ToArray(), rows.Select(x => x.i).ToArray(),
            rows.Select(x => x.r).ToArray(), new long[rows.Length], Enumerable.Range(1, rows.Length).ToArray());
        var data = DataViewRatings.ToDataView(ml, table);
        var model = ml.AutoEncoderRec().Transforms.PivotUsers()
            .Append(ml.AutoEncoderRec().Trainers.AutoEncoder(new AutoEncoderOptions { HiddenLayerSizes = [8], Epochs = 3, Seed = 0 }))
            .Fit(data);
        string path = Path.Combine(temp.Path, "ae.zip");
        ml.Model.Save(model, data.Schema, path);

        var served = ModelFiles.LoadRecommender(new MLContext(1), path);
        await using var host = await ServeTestHost.StartInMemoryAsync(served, titles: null);

        var info = await host.Client.GetFromJsonAsync<JsonElement>("/model");
        Assert.Equal("ae", info.GetProperty("engine").GetString());
        Assert.Equal(20, info.GetProperty("items").GetInt32());
        Assert.Equal(3, info.GetProperty("details").GetProperty("epochs").GetInt32());
        Assert.Equal([20, 8], info.GetProperty("details").GetProperty("layer_sizes").EnumerateArray().Select(e => e.GetInt32()));

        var response = await host.Client.GetAsync("/users/3/recommendations?top=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("id").GetInt32()).ToArray();
        var expected = model.LastTransformer.Recommend(3, 5).Select(r => r.ItemId).ToArray();
        Assert.Equal(expected, items);   // the served model answers exactly as the model that was saved
        Assert.All(items, i => Assert.Equal(0, (3 + i) % 3));   // only items user 3 did not rate
    }
}
