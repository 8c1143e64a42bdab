using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>The single static demo page (Serving/index.html, embedded in the assembly) served at <c>/</c>.</summary>
internal static class DemoPage
{
    private const string ResourceName = "ML.AutoEncoderRec.Cli.Serving.index.html";

    /// <summary>Serves the page at <c>/</c>; the page is read from the assembly once.</summary>
    public static void Map(WebApplication app)
    {
        byte[] page = Read();
        app.MapGet("/", () => TypedResults.Bytes(page, "text/html; charset=utf-8"));
    }

    private static byte[] Read()
    {
        using var stream = typeof(DemoPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The demo page resource '{ResourceName}' is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
