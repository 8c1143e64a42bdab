using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using ML.AutoEncoderRec.Cli.Serving;
using ML.AutoEncoderRec.Tests.Recommending;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Serving;

/// <summary>The serve app over a given recommender, hosted in memory (TestServer) or on a real loopback port (Kestrel).</summary>
internal sealed class ServeTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServeTestHost(WebApplication app) => _app = app;

    /// <summary>A client of the app; in memory unless the host was started on a real port.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The address the app listens on.</summary>
    public string Url => _app.Urls.First();

    /// <summary>Users 1, 2; items 10, 20, 30, 40 with mean training ratings 4, 2, 5 and none (score 0).</summary>
    /// <remarks>User 1 rated 10 (5) and 20 (2); user 2 rated 10 (3) and 30 (5). Item 10 is the most rated.</remarks>
    public static ItemMeanTestRecommender Tiny() => new(RatingMatrix.FromTable(new RatingTable("test",
        [1, 1, 2, 2], [10, 20, 10, 30], [5, 2, 3, 5], new long[4], [1, 2, 3, 4]), null, KeyIndex.FromIds([10, 20, 30, 40]), out _));

    /// <summary>Titles of items 10, 20, 30 and of item 50, which the tiny model does not know.</summary>
    public static ItemTitles TinyTitles(TempDirectory temp) => ItemTitles.Load(temp.Write(
        "movieId,title,genres\n10,Toy Story (1995),Animation\n20,Heat (1995),Action\n30,Toy Soldiers (1991),Action\n50,Not In The Model (2000),Drama\n"));

    /// <summary>The item-mean engine trained on the shipped ml-latest-small ratings, with its movie titles.</summary>
    public static (ItemMeanTestRecommender Recommender, ItemTitles Titles) MovieLensSmall()
    {
        var table = RatingFileReader.Read(RepositoryFiles.MovieLensSmallRatings).Table;
        return (new ItemMeanTestRecommender(RatingMatrix.FromTable(table, null, null, out _)), ItemTitles.Load(RepositoryFiles.MovieLensSmallMovies));
    }

    /// <summary>Starts the app in memory, in the given hosting environment (Production unless told).</summary>
    public static async Task<ServeTestHost> StartInMemoryAsync(RecommenderTransformer recommender, ItemTitles? titles, string environment = "Production")
    {
        var host = new ServeTestHost(ServeApp.Build(recommender, titles, ["http://127.0.0.1:0"], builder =>
        {
            builder.Environment.EnvironmentName = environment;
            builder.WebHost.UseTestServer();
            builder.Logging.ClearProviders();
        }));
        await host._app.StartAsync();
        host.Client = host._app.GetTestClient();
        return host;
    }

    /// <summary>Starts the app on a free loopback port with Kestrel.</summary>
    public static async Task<ServeTestHost> StartOnLoopbackAsync(RecommenderTransformer recommender, ItemTitles? titles)
    {
        var host = new ServeTestHost(ServeApp.Build(recommender, titles, ["http://127.0.0.1:0"], builder => builder.Logging.ClearProviders()));
        await host._app.StartAsync();
        host.Client = new HttpClient { BaseAddress = new Uri(host.Url) };
        return host;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
