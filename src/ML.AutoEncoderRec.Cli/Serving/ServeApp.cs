using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>
/// Builds the recommendation web app around an already-loaded recommender (the model is loaded once, by the caller):
/// the JSON API, the demo page at <c>/</c>, and RFC 7807 problem responses for every error, stack traces never included.
/// </summary>
internal static class ServeApp
{
    /// <summary>The app serving <paramref name="recommender"/> (not started).</summary>
    /// <param name="recommender">The loaded model.</param>
    /// <param name="titles">Item titles for recommendations and the title search, or null.</param>
    /// <param name="urls">Addresses to listen on, e.g. <c>http://127.0.0.1:5080</c> (port 0: any free port).</param>
    /// <param name="configure">Last changes before the app is built (tests use it to host in memory).</param>
    public static WebApplication Build(RecommenderTransformer recommender, ItemTitles? titles, IReadOnlyList<string> urls,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls([.. urls]);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ServeJsonContext.Default));
        builder.Services.AddProblemDetails();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteProblemForExceptionAsync });
        app.UseStatusCodePages();
        new RecommendationApi(recommender, ItemCatalog.Create(recommender, titles)).Map(app);
        DemoPage.Map(app);
        return app;
    }

    /// <summary>A request the server itself rejects (e.g. a bad header) keeps its status; anything else is a bare 500.</summary>
    private static Task WriteProblemForExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problem = error is BadHttpRequestException bad
            ? TypedResults.Problem(bad.Message, statusCode: bad.StatusCode)
            : Problems.InternalError();
        return problem.ExecuteAsync(context);
    }
}
