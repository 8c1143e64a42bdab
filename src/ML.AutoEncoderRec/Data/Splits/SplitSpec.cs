using System.Globalization;

namespace ML.AutoEncoderRec;

/// <summary>A split written as text: <c>temporal:0.98</c>, <c>user-temporal:0.2</c>, <c>random:0.1</c> or <c>random:0.1:42</c>.</summary>
public sealed class SplitSpec
{
    /// <summary>The accepted forms, for messages and help.</summary>
    public const string AcceptedForms = "temporal:Q, user-temporal:F or random:F[:SEED] (Q and F strictly between 0 and 1, SEED an integer)";

    /// <summary>The default split, the reference protocol: <c>temporal:0.98</c>.</summary>
    public static SplitSpec Default { get; } = new(SplitKind.Temporal, GlobalTemporalSplit.DefaultQuantile, 0);

    private SplitSpec(SplitKind kind, double fraction, int seed)
    {
        Kind = kind;
        Fraction = fraction;
        Seed = seed;
    }

    /// <summary>Which split.</summary>
    public SplitKind Kind { get; }

    /// <summary>The quantile (temporal) or test fraction (user-temporal, random), strictly between 0 and 1.</summary>
    public double Fraction { get; }

    /// <summary>The random seed (random split only; default 0).</summary>
    public int Seed { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not one of <see cref="AcceptedForms"/>.</exception>
    public static SplitSpec Parse(string text)
    {
        var parts = text.Trim().Split(':');
        SplitKind kind = parts[0].ToLowerInvariant() switch
        {
            "temporal" => SplitKind.Temporal,
            "user-temporal" => SplitKind.UserTemporal,
            "random" => SplitKind.Random,
            _ => throw Invalid(text, $"unknown split '{parts[0]}'"),
        };
        int maxParts = kind == SplitKind.Random ? 3 : 2;
        if (parts.Length < 2 || parts.Length > maxParts) throw Invalid(text, "wrong number of ':'-separated parts");
        if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction) || !(fraction > 0 && fraction < 1))
            throw Invalid(text, $"'{parts[1]}' is not a number strictly between 0 and 1");
        int seed = 0;
        if (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
            throw Invalid(text, $"seed '{parts[2]}' is not an integer");
        return new SplitSpec(kind, fraction, seed);
    }

    /// <summary>Splits <paramref name="table"/> as specified.</summary>
    public RatingSplit Apply(RatingTable table) => Kind switch
    {
        SplitKind.Temporal => GlobalTemporalSplit.Split(table, Fraction),
        SplitKind.UserTemporal => PerUserTemporalSplit.Split(table, Fraction),
        _ => RandomSplit.Split(table, Fraction, Seed),
    };

    /// <summary>The canonical text, which <see cref="Parse"/> reads back.</summary>
    public override string ToString()
    {
        string fraction = Fraction.ToString(CultureInfo.InvariantCulture);
        return Kind switch
        {
            SplitKind.Temporal => "temporal:" + fraction,
            SplitKind.UserTemporal => "user-temporal:" + fraction,
            _ => $"random:{fraction}:{Seed.ToString(CultureInfo.InvariantCulture)}",
        };
    }

    private static FormatException Invalid(string text, string problem) =>
        new($"Invalid split '{text}': {problem}. Expected {AcceptedForms}.");
}
