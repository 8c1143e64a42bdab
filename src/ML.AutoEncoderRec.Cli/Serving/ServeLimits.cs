namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>The bounds every request is checked against.</summary>
internal static class ServeLimits
{
    /// <summary>Recommendations returned when <c>top</c> is not given.</summary>
    public const int DefaultTop = 10;

    /// <summary>The most recommendations one request may ask for.</summary>
    public const int MaxTop = 100;

    /// <summary>Search results returned when <c>limit</c> is not given.</summary>
    public const int DefaultSearchLimit = 20;

    /// <summary>The most search results one request may ask for.</summary>
    public const int MaxSearchLimit = 100;

    /// <summary>The lowest rating a new user may give.</summary>
    public const float MinRating = 0.5f;

    /// <summary>The highest rating a new user may give.</summary>
    public const float MaxRating = 5f;

    /// <summary>The largest request body accepted, in bytes (64 KiB).</summary>
    public const int MaxBodyBytes = 64 * 1024;
}
