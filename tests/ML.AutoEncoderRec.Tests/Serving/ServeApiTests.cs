using System.Net;
using System.Text.Json;
using System.Text;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Serving;

/// <summary>
/// The HTTP API over the tiny item-mean model (<see cref="ServeTestHost.Tiny"/>): every item scores its mean training
/// rating, so item 30 (5) ranks above 10 (4), 20 (2) and 40 (0) for everyone.
/// </summary>
public sealed class ServeApiTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private async Task<ServeTestHost> StartAsync(bool titles = true) =>
        await ServeTestHost.StartInMemoryAsync(ServeTestHost.Tiny(), titles ? ServeTestHost.TinyTitles(temp) : null);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status, string contentType = "application/json")
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 problem with <paramref name="status"/> whose detail contains <paramref name="detail"/>.</summary>
    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var problem = await JsonAsync(response, status, "application/problem+json");
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(" at ML.", problem.ToString());
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static int[] Ids(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToArray();

    [Fact]
    public async Task HealthAndModelDescribeTheServedModel()
    {
        await using var host = await StartAsync();
        var health = await JsonAsync(await host.Client.GetAsync("/health"), HttpStatusCode.OK);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        var model = await JsonAsync(await host.Client.GetAsync("/model"), HttpStatusCode.OK);
        Assert.Equal("item-mean-test", model.GetProperty("engine").GetString());
        Assert.Equal(4, model.GetProperty("items").GetInt32());
        Assert.Equal(2, model.GetProperty("users").GetInt32());
        Assert.Equal(4, model.GetProperty("trainingRatings").GetInt32());
        Assert.Equal(3, model.GetProperty("titledItems").GetInt32());  // item 50 has a title but is not in the model
        Assert.Equal(3, model.GetProperty("details").GetProperty("items_rated").GetInt32());  // the engine's Describe()
    }

    [Fact]
    public async Task KnownUserGetsTheTopUnratedItemsWithTitlesAndScores()
    {
        await using var host = await StartAsync();
        // User 1 rated 10 and 20: left are 30 (mean 5) and 40 (never rated: 0, no title).
        var answer = await JsonAsync(await host.Client.GetAsync("/users/1/recommendations?top=5"), HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("user").GetInt32());
        Assert.Equal("item-mean-test", answer.GetProperty("engine").GetString());
        var items = answer.GetProperty("items");
        Assert.Equal([30, 40], Ids(items));
        Assert.Equal("Toy Soldiers (1991)", items[0].GetProperty("title").GetString());
        Assert.Equal(5f, items[0].GetProperty("score").GetSingle());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("title").ValueKind);
        // Default top is 10; user 2 rated 10 and 30: left are 20 (2) and 40 (0).
        var defaults = await JsonAsync(await host.Client.GetAsync("/users/2/recommendations"), HttpStatusCode.OK);
        Assert.Equal([20, 40], Ids(defaults.GetProperty("items")));
        var one = await JsonAsync(await host.Client.GetAsync("/users/2/recommendations?top=1"), HttpStatusCode.OK);
        Assert.Equal([20], Ids(one.GetProperty("items")));
    }

    [Fact]
    public async Task NewUserIsFoldedInAndUnknownItemsAreReported()
    {
        await using var host = await StartAsync();
        var response = await host.Client.PostAsync("/recommendations",
            Body("""{"ratings":[{"item":10,"rating":4.5},{"item":99,"rating":3},{"item":98,"rating":1}],"top":2}"""));
        var answer = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("ratingsUsed").GetInt32());
        Assert.Equal([99, 98], answer.GetProperty("unknownItems").EnumerateArray().Select(e => e.GetInt32()));
        // Rated item 10 is left out: 30 (5), then 20 (2).
        Assert.Equal([30, 20], Ids(answer.GetProperty("items")));
        Assert.Equal("Heat (1995)", answer.GetProperty("items")[1].GetProperty("title").GetString());
    }

    [Fact]
    public async Task TitleSearchIsCaseInsensitiveOverItemsKnownToTheModelMostRatedFirst()
    {
        await using var host = await StartAsync();
        var toy = await JsonAsync(await host.Client.GetAsync("/items?search=tOy"), HttpStatusCode.OK);
        // Item 10 has two training ratings, item 30 one.
        Assert.Equal([10, 30], Ids(toy.GetProperty("items")));
        Assert.Equal("Toy Story (1995)", toy.GetProperty("items")[0].GetProperty("title").GetString());
        var limited = await JsonAsync(await host.Client.GetAsync("/items?search=toy&limit=1"), HttpStatusCode.OK);
        Assert.Equal([10], Ids(limited.GetProperty("items")));
        var all = await JsonAsync(await host.Client.GetAsync("/items"), HttpStatusCode.OK);
        Assert.Equal([10, 20, 30], Ids(all.GetProperty("items")).Order());
        var notInModel = await JsonAsync(await host.Client.GetAsync("/items?search=not%20in%20the%20model"), HttpStatusCode.OK);
        Assert.Empty(notInModel.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task TitleSearchWithoutTitlesIsAProblemThatSaysHowToGiveThem()
    {
        await using var host = await StartAsync(titles: false);
        await AssertProblemAsync(await host.Client.GetAsync("/items?search=toy"), HttpStatusCode.NotFound, "--titles");
        var answer = await JsonAsync(await host.Client.GetAsync("/users/1/recommendations"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("items")[0].GetProperty("title").ValueKind);
    }

    [Fact]
    public async Task DemoPageIsServedAtTheRoot()
    {
        await using var host = await StartAsync();
        var response = await host.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>aerec: recommendations</title>", page);
        Assert.Contains("/recommendations", page);
    }

    [Theory]
    [InlineData("/users/9/recommendations", HttpStatusCode.NotFound, "User 9 is not known to the model")]
    [InlineData("/users/abc/recommendations", HttpStatusCode.BadRequest, "The user id must be an integer; got 'abc'")]
    [InlineData("/users/1/recommendations?top=0", HttpStatusCode.BadRequest, "'top' must be from 1 to 100; got 0")]
    [InlineData("/users/1/recommendations?top=101", HttpStatusCode.BadRequest, "'top' must be from 1 to 100; got 101")]
    [InlineData("/users/1/recommendations?top=ten", HttpStatusCode.BadRequest, "'top' must be an integer from 1 to 100; got 'ten'")]
    [InlineData("/items?search=toy&limit=0", HttpStatusCode.BadRequest, "'limit' must be from 1 to 100; got 0")]
    public async Task BadGetsAreProblems(string url, HttpStatusCode status, string detail)
    {
        await using var host = await StartAsync();
        await AssertProblemAsync(await host.Client.GetAsync(url), status, detail);
    }

    [Fact]
    public async Task UnknownRoutesAndMethodsAreProblemsToo()
    {
        await using var host = await StartAsync();
        var missing = await JsonAsync(await host.Client.GetAsync("/no/such/route"), HttpStatusCode.NotFound, "application/problem+json");
        Assert.Equal(404, missing.GetProperty("status").GetInt32());
        var wrongMethod = await JsonAsync(await host.Client.DeleteAsync("/recommendations"), HttpStatusCode.MethodNotAllowed, "application/problem+json");
        Assert.Equal(405, wrongMethod.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("{\"ratings\":[{\"item\":10,\"rating\":4}", "The body is not valid JSON")]
    [InlineData("not json", "The body is not valid JSON")]
    [InlineData("{\"ratings\":[{\"item\":\"ten\",\"rating\":4}]}", "The body is not valid JSON")]
    [InlineData("null", "at least one rating")]
    [InlineData("{\"ratings\":[]}", "at least one rating")]
    [InlineData("{\"top\":3}", "at least one rating")]
    [InlineData("{\"ratings\":[{\"item\":10}]}", "ratings[0] must have an 'item' id and a 'rating'")]
    [InlineData("{\"ratings\":[{\"item\":10,\"rating\":4},null]}", "ratings[1] must have an 'item' id and a 'rating'")]
    [InlineData("{\"ratings\":[{\"item\":10,\"rating\":5.5}]}", "ratings[0]: rating 5.5 of item 10 is outside 0.5–5")]
    [InlineData("{\"ratings\":[{\"item\":10,\"rating\":0.4}]}", "ratings[0]: rating 0.4 of item 10 is outside 0.5–5")]
    [InlineData("{\"ratings\":[{\"item\":10,\"rating\":\"NaN\"}]}", "ratings[0]: rating NaN of item 10 is outside 0.5–5")]
    [InlineData("{\"ratings\":[{\"item\":10,\"rating\":4},{\"item\":10,\"rating\":3}]}", "ratings[1]: item 10 is rated more than once")]
    [InlineData("{\"ratings\":[{\"item\":77,\"rating\":4},{\"item\":78,\"rating\":3}]}", "None of the rated items is known to the model (unknown item ids: 77, 78)")]
    [InlineData("{\"ratings\":[{\"item\":10,\"rating\":4}],\"top\":0}", "'top' must be from 1 to 100; got 0")]
    [InlineData("{\"ratings\":[{\"item\":10,\"rating\":4}],\"top\":1000}", "'top' must be from 1 to 100; got 1000")]
    public async Task BadNewUserBodiesAreProblemsThatSayWhatIsWrong(string json, string detail)
    {
        await using var host = await StartAsync();
        await AssertProblemAsync(await host.Client.PostAsync("/recommendations", Body(json)), HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task BodiesOverTheSizeLimitAreRejectedWithOrWithoutALength()
    {
        await using var host = await StartAsync();
        // A valid request padded past 64 KiB with spaces.
        string json = "{\"ratings\":[{\"item\":10,\"rating\":4}]" + new string(' ', 70_000) + "}";
        await AssertProblemAsync(await host.Client.PostAsync("/recommendations", Body(json)), HttpStatusCode.BadRequest,
            $"The body is {Encoding.UTF8.GetByteCount(json)} bytes; the limit is 65536 bytes");
        // Streamed without Content-Length (chunked): the reader stops at the limit.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/recommendations") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await AssertProblemAsync(await host.Client.SendAsync(request), HttpStatusCode.BadRequest, "the limit is 65536 bytes");
        // Just under the limit is fine.
        string under = "{\"ratings\":[{\"item\":10,\"rating\":4}]" + new string(' ', 65_000) + "}";
        await JsonAsync(await host.Client.PostAsync("/recommendations", Body(under)), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]  // where ASP.NET Core would otherwise show its developer exception page
    public async Task AnEngineFailureIsAProblemWithoutTheExceptionOrStackTrace(string environment)
    {
        var train = RatingMatrix.FromTable(new RatingTable("t", [1], [10], [4], new long[1], [1]), null, null, out _);
        await using var host = await ServeTestHost.StartInMemoryAsync(new FailingTestRecommender(train), null, environment);
        foreach (var response in new[]
        {
            await host.Client.GetAsync("/users/1/recommendations"),
            await host.Client.PostAsync("/recommendations", Body("{\"ratings\":[{\"item\":10,\"rating\":4}]}")),
        })
        {
            string body = await response.Content.ReadAsStringAsync();
            await AssertProblemAsync(response, HttpStatusCode.InternalServerError, "the server log has the details");
            Assert.DoesNotContain(FailingTestRecommender.Secret, body);
            Assert.DoesNotContain("InvalidOperationException", body);
            Assert.DoesNotContain("ScoreKnownUser", body);
        }
    }
}
