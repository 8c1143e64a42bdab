using System.Text;

namespace ML.AutoEncoderRec.Tests.Serving;

/// <summary>Parallel requests get exactly the answers the same requests get one at a time.</summary>
public sealed class ServeConcurrencyTests
{
    [Fact]
    public async Task EightTimesFiftyParallelRequestsAnswerAsSerialOnes()
    {
        var (recommender, titles) = ServeTestHost.MovieLensSmall();
        await using var host = await ServeTestHost.StartInMemoryAsync(recommender, titles);
        // 50 requests, each with its own top (so each answer differs): known users (top 1..25) and new users (top 26..50).
        var requests = Enumerable.Range(0, 50).Select(k => k % 2 == 0
            ? (Method: HttpMethod.Get, Url: $"/users/{1 + k * 7}/recommendations?top={1 + k / 2}", Json: (string?)null)
            : (Method: HttpMethod.Post, Url: "/recommendations",
                Json: $"{{\"ratings\":[{{\"item\":1,\"rating\":{1 + k % 5}}},{{\"item\":{k + 1},\"rating\":4}},{{\"item\":318,\"rating\":5}}],\"top\":{26 + k / 2}}}"))
            .ToArray();

        async Task<string> SendAsync(int k)
        {
            var (method, url, json) = requests[k];
            using var message = new HttpRequestMessage(method, url);
            if (json != null) message.Content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await host.Client.SendAsync(message);
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        var serial = new string[requests.Length];
        for (int k = 0; k < requests.Length; k++) serial[k] = await SendAsync(k);
        Assert.All(serial, answer => Assert.StartsWith("200 ", answer));
        Assert.Equal(requests.Length, serial.Distinct().Count());

        var parallel = await Task.WhenAll(Enumerable.Range(0, 8 * requests.Length)
            .Select(n => Task.Run(() => SendAsync(n % requests.Length))));
        for (int n = 0; n < parallel.Length; n++) Assert.Equal(serial[n % requests.Length], parallel[n]);
    }
}
