using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>
/// Reads and validates the body of <c>POST /recommendations</c>: at most <see cref="ServeLimits.MaxBodyBytes"/>,
/// well-formed JSON, every rating with an item and a rating in range, each item once, <c>top</c> in bounds.
/// </summary>
internal static class NewUserRequestReader
{
    private const string Shape = "{\"ratings\":[{\"item\":ID,\"rating\":R},...],\"top\":N}";

    /// <summary>A validated request: the ratings (items not yet checked against the model) and the top-N size.</summary>
    public readonly record struct NewUser(IReadOnlyList<(int ItemId, float Rating)> Ratings, int Top);

    /// <summary>The validated request, or null with <c>Error</c> saying what is wrong.</summary>
    public static async Task<(NewUser? Request, string Error)> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength > ServeLimits.MaxBodyBytes) return (null, TooLarge($"{request.ContentLength} bytes"));
        byte[]? body = await ReadBoundedAsync(request.Body, cancellation);
        if (body == null) return (null, TooLarge("longer"));

        NewUserRequest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, ServeJsonContext.Default.NewUserRequest);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON of the form {Shape}: {e.Message}");
        }
        if (parsed?.Ratings is not { Count: > 0 } ratings) return (null, $"The body must hold at least one rating: {Shape}.");
        if (!QueryBounds.TryCheck(parsed.Top, "top", ServeLimits.DefaultTop, 1, ServeLimits.MaxTop, out int top, out string topError))
            return (null, topError);

        var pairs = new List<(int, float)>(ratings.Count);
        var seen = new HashSet<int>();
        for (int k = 0; k < ratings.Count; k++)
        {
            if (ratings[k] is not { Item: int item, Rating: float rating })
                return (null, $"ratings[{k}] must have an 'item' id and a 'rating'.");
            if (!(rating >= ServeLimits.MinRating && rating <= ServeLimits.MaxRating))
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"ratings[{k}]: rating {rating} of item {item} is outside {ServeLimits.MinRating}–{ServeLimits.MaxRating}."));
            if (!seen.Add(item)) return (null, $"ratings[{k}]: item {item} is rated more than once.");
            pairs.Add((item, rating));
        }
        return (new NewUser(pairs, top), "");
    }

    private static string TooLarge(string size) => $"The body is {size}; the limit is {ServeLimits.MaxBodyBytes} bytes.";

    /// <summary>The whole body, or null when it is longer than <see cref="ServeLimits.MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ServeLimits.MaxBodyBytes + 1);
        try
        {
            int length = 0, read;
            while ((read = await body.ReadAsync(buffer.AsMemory(length, ServeLimits.MaxBodyBytes + 1 - length), cancellation)) > 0)
            {
                length += read;
                if (length > ServeLimits.MaxBodyBytes) return null;
            }
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
