using System.Collections.Concurrent;

namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>
/// Known users' recommendations, computed once per user and kept: a loaded model never changes, so a user's top
/// <see cref="ServeLimits.MaxTop"/> unrated items are the same on every request, and any shorter list is its prefix.
/// Memory is bounded by users × <see cref="ServeLimits.MaxTop"/> entries.
/// </summary>
internal sealed class KnownUserRecommendations(RecommenderTransformer recommender, ItemTitles? titles)
{
    private readonly ConcurrentDictionary<int, Lazy<ScoredItem[]>> _byUser = new();

    /// <summary>The top <paramref name="count"/> unrated items of a known user (count ≤ <see cref="ServeLimits.MaxTop"/>).</summary>
    public ReadOnlySpan<ScoredItem> Top(int userId, int count)
    {
        var all = _byUser.GetOrAdd(userId, id => new Lazy<ScoredItem[]>(() =>
            recommender.Recommend(id, ServeLimits.MaxTop, excludeRated: true, titles)
                .Select(r => new ScoredItem(r.ItemId, r.Title, r.Score)).ToArray())).Value;
        return all.AsSpan(0, Math.Min(count, all.Length));
    }
}
